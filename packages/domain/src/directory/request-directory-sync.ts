import type { Db } from "@mss/db/client";
import type { Queue } from "bullmq";
import { z } from "zod";
import type { Actor } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { enqueueDirectorySync, type TDirectorySyncJob } from "../jobs/directory-sync-queue";
import { DIRECTORY_SYNC_KINDS } from "./directory-sync-run";
import { assertInsideImportDir, ZDirectorySource } from "./open-directory-source";

export const ZRequestDirectorySyncInput = z.object({
  kind: z.enum(DIRECTORY_SYNC_KINDS),
  source: z.string().trim().pipe(ZDirectorySource),
});
export type TRequestDirectorySyncInput = z.infer<typeof ZRequestDirectorySyncInput>;

export function assertPlatformOperator(actor: Actor): void {
  if (!actor.isPlatformOperator) {
    throw new AppError("FORBIDDEN", "Réservé à l'opérateur de la plateforme.", { internalMessage: `account ${actor.accountId} is not platform operator` });
  }
}

/**
 * An operator asks for a sync of the national directory (or of the RPPS file) now: the report
 * row is created at once (the console shows it queued), then the job is enqueued. Audited.
 * A request made while a sync runs waits in the queue and starts after it.
 */
export async function requestDirectorySync({
  db,
  actor,
  queue,
  input,
  importDir,
}: {
  db: Db;
  actor: Actor;
  queue: Queue<TDirectorySyncJob>;
  input: TRequestDirectorySyncInput;
  /** The worker's import directory, when known here: a path outside it is refused at once. */
  importDir?: string;
}): Promise<{ syncId: string }> {
  assertPlatformOperator(actor);
  const parsed = ZRequestDirectorySyncInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "Indiquez une URL http(s) ou un chemin absolu sur le serveur.");
  const { kind, source } = parsed.data;
  assertInsideImportDir(source, importDir);
  // No check for a sync in progress here: a row left "running" by a crashed worker would block the
  // console for good. The queue runs one job at a time and the sync's advisory lock refuses overlaps.
  const sync = await db.$transaction(async (tx) => {
    const created = await tx.directorySync.create({ data: { kind, source, requestedById: actor.accountId } });
    await recordAuditEvent({
      db: tx,
      tenantId: null,
      actorAccountId: actor.accountId,
      action: "directory.sync",
      objectType: "directory_sync",
      objectId: created.id,
      after: { kind, source },
    });
    return created;
  });
  try {
    await enqueueDirectorySync(queue, { kind, source, syncId: sync.id });
  } catch (error) {
    await db.directorySync.update({ where: { id: sync.id }, data: { status: "failed", phase: "done", error: "File d'attente indisponible.", finishedAt: new Date() } });
    throw new AppError("TEMPORARY_FAILURE", "La file d'attente est indisponible ; réessayez dans un instant.", { cause: error });
  }
  return { syncId: sync.id };
}
