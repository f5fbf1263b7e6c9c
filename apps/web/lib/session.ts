import "server-only";
import { type Actor, getActor } from "@mss/domain/actor/actor";
import { redirect } from "next/navigation";
import { auth } from "../auth";
import { getDb } from "./services";

/**
 * The signed-in actor, or a redirect to the login page. A local account that has not enrolled
 * its second factor is sent to the enrolment page before anything else.
 */
export async function requireActor({ isTotpEnrollment = false } = {}): Promise<Actor> {
  const session = await auth();
  const actor = session?.accountId ? await getActor({ db: getDb(), accountId: session.accountId }) : null;
  if (!actor) redirect("/login");
  if (actor.mustEnrollTotp && !isTotpEnrollment) redirect("/compte/double-authentification");
  return actor;
}
