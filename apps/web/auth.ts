import { signInLocally } from "@mss/domain/account/sign-in-locally";
import { signInWithPsc } from "@mss/domain/account/sign-in-with-psc";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getEnv } from "./lib/env";
import { getAttemptCounter } from "./lib/attempt-counter";
import { getDb } from "./lib/services";

/** Carries why a local sign-in was refused to the login form (credentials, code, throttled). */
export class LocalSignInError extends CredentialsSignin {
  constructor(reason: string) {
    super(reason);
    this.code = reason;
  }
}

declare module "next-auth" {
  interface Session {
    accountId?: string;
  }
}

/** The acr of an ID token Auth.js has already verified (signature, iss, aud, nonce). */
function acrOf(idToken: string | undefined): string | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { acr?: string }).acr ?? null;
  } catch {
    return null;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return {
  trustHost: true,
  // A refused local sign-in is an expected outcome shown to the user, not a server error.
  logger: {
    error(error: Error) {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      console.error(error);
    },
  },
  secret: env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 8 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    {
      id: "psc",
      name: "Pro Santé Connect",
      type: "oidc",
      issuer: env.PSC_ISSUER,
      clientId: env.PSC_CLIENT_ID,
      clientSecret: env.PSC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
      // PSC serves the professional's claims from userinfo, not in the ID token.
      idToken: false,
      authorization: { params: { scope: "openid scope_all", acr_values: "eidas1" } },
      profile(profile) {
        return { id: String(profile.sub), name: `${profile.given_name ?? ""} ${profile.family_name ?? ""}`.trim() };
      },
    },
    Credentials({
      id: "local",
      name: "Compte local",
      credentials: { email: { label: "Adresse e-mail" }, password: { label: "Mot de passe", type: "password" }, code: { label: "Code" } },
      async authorize(credentials) {
        const result = await signInLocally({ db: getDb(), credentials, attempts: getAttemptCounter() });
        if (result.status === "refused") throw new LocalSignInError(result.reason);
        return { id: result.accountId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, account, profile, user }) {
      if (account?.provider === "psc") {
        // eIDAS substantial (e-CPS) is the level Pro Santé Connect guarantees; refuse anything else.
        if (acrOf(account.id_token) !== "eidas1") throw new Error("acr eidas1 required");
        token.accountId = (await signInWithPsc({ db: getDb(), claims: profile })).accountId;
      } else if (account?.provider === "local" && user?.id) {
        token.accountId = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, accountId: typeof token.accountId === "string" ? token.accountId : undefined };
    },
  },
};
});
