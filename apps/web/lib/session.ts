import "server-only";
import { type Actor, getActor } from "@mss/domain/actor/actor";
import { redirect } from "next/navigation";
import { auth } from "../auth";
import { getDb } from "./services";

/** The signed-in actor, or a redirect to the login page. */
export async function requireActor(): Promise<Actor> {
  const session = await auth();
  const actor = session?.accountId ? await getActor({ db: getDb(), accountId: session.accountId }) : null;
  if (!actor) redirect("/login");
  return actor;
}
