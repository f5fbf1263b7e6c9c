import type { Db } from "@mss/db/client";
import type { Actor } from "../actor/actor";
import { assertPlatformOperator } from "./request-directory-sync";

/** The last syncs, newest first, with their progress or report (operator console). */
export async function findDirectorySyncs({ db, actor, limit = 20 }: { db: Db; actor: Actor; limit?: number }) {
  assertPlatformOperator(actor);
  return db.directorySync.findMany({ orderBy: { createdAt: "desc" }, take: limit });
}
