import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getAuthSecret, getConfig } from "@/lib/config";
import { getLogger } from "@/lib/log";
import { getStore } from "@/lib/store";
import type { UserRole } from "@/lib/store/types";
import { noteActivity } from "./activity";
import { clientAddress } from "./client-address";
import { checkCredentials, sessionIsCurrent, signInSchema } from "./credentials";

declare module "next-auth" {
  interface User {
    credentialVersion?: string;
    role?: UserRole;
    createdAt?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    credentialVersion?: string;
    role?: UserRole;
    createdAt?: string;
  }
}

/** Thrown from authorize so the sign-in form can say "too many attempts". */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

/** Thrown from authorize so the sign-in form can say the account is disabled. */
export class SignInDisabled extends CredentialsSignin {
  code = "disabled";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  // Read lazily: the generated secret lives in the data directory, which must
  // not be touched while `next build` imports this module.
  secret: getAuthSecret(),
  // Parley is self-hosted behind whatever host name the operator chooses.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      getLogger().error({ err: error }, "Sign-in failed");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const store = await getStore();
        const result = await checkCredentials(store, {
          ...parsed.data,
          address: clientAddress(request.headers, getConfig().clientAddress),
        });
        if (!result.ok) {
          if (result.reason === "throttled") throw new SignInThrottled();
          if (result.reason === "disabled") throw new SignInDisabled();
          return null;
        }
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          credentialVersion: result.credentialVersion,
        };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.credentialVersion = user.credentialVersion;
      }
      // On every use the account must still exist, be enabled and have the
      // password it signed in with: removing or disabling it, or resetting
      // the password, ends sessions at their next request.
      if (!token.sub || !token.email) return null;
      const store = await getStore();
      const account = await store.getUserByEmail(token.email);
      if (!sessionIsCurrent({ userId: token.sub, credentialVersion: token.credentialVersion }, account)) return null;
      await noteActivity(store, account.id);
      // Copied fresh on every use, so pages need no second lookup of the person.
      token.name = account.name;
      token.role = account.role;
      token.createdAt = account.createdAt.toISOString();
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = token.role;
      session.user.createdAt = token.createdAt;
      return session;
    },
  },
}));
