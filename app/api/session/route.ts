import { withUser } from "@/lib/http";

/**
 * GET → { id } while the session is good, 401 once it has ended (signed out,
 * account disabled or removed, password reset). Open pages ask now and then,
 * so such a change reaches them within seconds.
 */
export const GET = withUser(async (_request, user) => Response.json({ id: user.id }, { headers: { "cache-control": "no-store" } }));
