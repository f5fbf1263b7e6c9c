import type { Db } from "@mss/db/client";
import type { PublicationStatus } from "@mss/db/types";
import type { Logger } from "pino";
import { AppError } from "../errors/app-error";
import { ZMailboxPatch } from "./build-mailbox-patch";
import type { FhirDirectoryClient } from "./fhir-client";

/**
 * Sends one recorded publication to the national directory and records the outcome. Idempotent:
 * a row that is no longer pending is left alone. A transient failure throws TEMPORARY_FAILURE
 * so the queue retries, except on the last attempt, where the row becomes failed.
 */
export async function publishMailbox({
  db,
  client,
  publicationId,
  isLastAttempt,
  logger,
}: {
  db: Db;
  client: FhirDirectoryClient;
  publicationId: string;
  isLastAttempt: boolean;
  logger: Logger;
}): Promise<PublicationStatus | null> {
  const publication = await db.mailboxPublication.findUnique({ where: { id: publicationId } });
  if (!publication || publication.status !== "pending") return publication?.status ?? null;
  const log = logger.child({ publicationId, tenantId: publication.tenantId, mailboxId: publication.mailboxId, operation: publication.operation });

  const finish = async (status: PublicationStatus, data: { lastHttpStatus?: number | null; lastError?: string | null }) => {
    // Guarded on `pending`: an admin retry or a second worker never sees a stale overwrite.
    await db.mailboxPublication.updateMany({ where: { id: publicationId, status: "pending" }, data: { status, attempts: { increment: 1 }, ...data } });
    return status;
  };

  // The directory applies changes in the order it receives them: an insert must land before
  // the replace or delete that follows it.
  const earlier = await db.mailboxPublication.count({
    where: { mailboxId: publication.mailboxId, status: "pending", createdAt: { lt: publication.createdAt } },
  });
  if (earlier > 0) {
    const reason = "Une publication précédente de cette boîte est encore en attente.";
    if (isLastAttempt) return finish("failed", { lastError: reason });
    throw new AppError("TEMPORARY_FAILURE", reason);
  }

  const request = ZMailboxPatch.safeParse(publication.payload);
  if (!request.success) {
    log.error({ issues: request.error.issues }, "stored publication payload is invalid");
    return finish("failed", { lastError: "Requête de publication invalide (erreur interne)." });
  }

  const outcome = await client.patch(request.data);
  switch (outcome.kind) {
    case "succeeded":
      log.info({ httpStatus: outcome.httpStatus }, "mailbox published to the national directory");
      return finish("succeeded", { lastHttpStatus: outcome.httpStatus, lastError: null });
    case "rejected":
      log.warn({ httpStatus: outcome.httpStatus, reason: outcome.message }, "national directory refused the publication");
      return finish("failed", { lastHttpStatus: outcome.httpStatus, lastError: outcome.message });
    case "unavailable":
      log.warn({ httpStatus: outcome.httpStatus, reason: outcome.message, isLastAttempt }, "national directory unavailable");
      if (isLastAttempt) return finish("failed", { lastHttpStatus: outcome.httpStatus, lastError: outcome.message });
      await db.mailboxPublication.updateMany({
        where: { id: publicationId, status: "pending" },
        data: { attempts: { increment: 1 }, lastHttpStatus: outcome.httpStatus, lastError: outcome.message },
      });
      throw new AppError("TEMPORARY_FAILURE", outcome.message);
    default: {
      const exhaustive: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Publications still to send (the reconciler re-enqueues them), oldest first. */
export async function findPendingPublicationIds({ db, limit }: { db: Db; limit: number }): Promise<string[]> {
  const rows = await db.mailboxPublication.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: limit, select: { id: true } });
  return rows.map((r) => r.id);
}
