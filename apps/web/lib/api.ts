import "server-only";
import { type Actor, getActor } from "@mss/domain/actor/actor";
import { AppError, toAppError } from "@mss/domain/errors/app-error";
import { auth } from "../auth";
import { getDb } from "./services";

/**
 * The signed-in actor for an API route: an API answers 401 in JSON rather than redirecting to
 * the login page. Same rule as requireActor for accounts that must first enrol a second factor.
 */
export async function requireApiActor(): Promise<Actor> {
  const session = await auth();
  const actor = session?.accountId ? await getActor({ db: getDb(), accountId: session.accountId }) : null;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Connectez-vous pour continuer.");
  if (actor.mustEnrollTotp) throw new AppError("FORBIDDEN", "Activez la double authentification pour continuer.");
  return actor;
}

/** Runs a route's work and maps failures to a JSON error with the AppError's status. */
export async function jsonResponse(work: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await work(), { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "INTERNAL") console.error("api route failed", error);
    return Response.json({ error: { code: appError.code, message: appError.userMessage } }, { status: appError.httpStatus });
  }
}

/** Query string as a plain object (repeated keys: the last one wins). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}
