import "server-only";
import { toAppError } from "@mss/domain/errors/app-error";
import { isRedirectError } from "next/dist/client/components/redirect-error";

/**
 * What a form action returns. On error the submitted fields come back so the form shows
 * them again (React resets uncontrolled forms after an action): nothing typed is lost.
 */
export type ActionState =
  | { status: "idle" }
  | { status: "error"; message: string; fields?: Record<string, string> }
  | { status: "success"; message: string };

/** The text fields of a submitted form, to hand back on error. */
export function submittedFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string" && !key.startsWith("$")) fields[key] = value;
  return fields;
}

/**
 * Runs a server action's domain call and turns failures into a message for the form.
 * Next's redirects pass through; unknown errors are logged and shown generically.
 */
export async function runAction(work: () => Promise<ActionState>, formData?: FormData): Promise<ActionState> {
  try {
    return await work();
  } catch (error) {
    if (isRedirectError(error)) throw error;
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") console.error("action failed", error);
    return { status: "error", message: appError.userMessage, fields: formData ? submittedFields(formData) : undefined };
  }
}
