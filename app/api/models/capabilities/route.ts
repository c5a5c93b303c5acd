import { getConfig } from "@/lib/config";
import { withUser } from "@/lib/http";
import { capabilityInfo } from "@/lib/llm/api-style";

/**
 * What Settings needs to judge which fields a model takes, the way replies
 * are sent: { apiStyle, capabilityOverrides } (OPENAI_API_STYLE and
 * MODEL_CAPABILITIES as resolved; the built-in table ships with the page).
 */
export const GET = withUser(async () => Response.json(capabilityInfo(getConfig().provider)));
