"use server";

import { AuthError } from "next-auth";
import { LocalSignInError, signIn } from "@/auth";
import type { ActionState } from "@/lib/action-result";

export async function signInWithPscAction(formData: FormData) {
  await signIn("psc", { redirectTo: safeRedirect(formData.get("callbackUrl")) });
}

export async function signInLocallyAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await signIn("local", {
      email: formData.get("email"),
      password: formData.get("password"),
      code: formData.get("code") ?? "",
      redirectTo: safeRedirect(formData.get("callbackUrl"), "/admin"),
    });
    return { status: "idle" };
  } catch (error) {
    // A successful sign-in redirects by throwing; only Auth.js errors are failures.
    if (error instanceof AuthError) {
      const reason = error instanceof LocalSignInError ? error.code : "credentials";
      const message = reason in SIGN_IN_MESSAGES ? SIGN_IN_MESSAGES[reason as keyof typeof SIGN_IN_MESSAGES] : SIGN_IN_MESSAGES.credentials;
      return { status: "error", message, fields: { email: String(formData.get("email") ?? "") } };
    }
    throw error;
  }
}

const SIGN_IN_MESSAGES = {
  credentials: "Adresse e-mail ou mot de passe incorrect.",
  code: "Code de vérification manquant ou incorrect.",
  throttled: "Trop de tentatives échouées : ce compte est bloqué pendant 15 minutes.",
} as const;

/** Only same-site paths, never an absolute URL from the query string (open redirect). */
function safeRedirect(value: FormDataEntryValue | null, fallback = "/mail"): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
