"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/auth";
import type { ActionState } from "@/lib/action-result";

export async function signInWithPscAction(formData: FormData) {
  await signIn("psc", { redirectTo: safeRedirect(formData.get("callbackUrl")) });
}

export async function signInLocallyAction(_state: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await signIn("local", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: safeRedirect(formData.get("callbackUrl"), "/admin"),
    });
    return { status: "idle" };
  } catch (error) {
    // A successful sign-in redirects by throwing; only Auth.js errors are failures.
    if (error instanceof AuthError) {
      return { status: "error", message: "Adresse e-mail ou mot de passe incorrect." };
    }
    throw error;
  }
}

/** Only same-site paths, never an absolute URL from the query string (open redirect). */
function safeRedirect(value: FormDataEntryValue | null, fallback = "/mail"): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}
