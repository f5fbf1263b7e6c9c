import type { Db } from "@mss/db/client";
import { z } from "zod";
import { type Actor, assertTenantAdmin } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { getPublishableMailbox, recordMailboxPublications } from "../publication/record-mailbox-publications";
import { ZStructureId } from "./create-mailbox";

/** What an admin may change after creation (address and type are immutable). */
export const ZUpdateMailboxInput = z
  .object({
    displayName: z.string().trim().min(1, "Libellé requis").max(200).optional(),
    isUnlisted: z.boolean().optional(),
    /** FINESS of an ORG/APP mailbox; null removes it. */
    structureId: ZStructureId.nullable().optional(),
    status: z.enum(["active", "suspended"]).optional(),
  })
  .strict();
export type TUpdateMailboxInput = z.input<typeof ZUpdateMailboxInput>;

/**
 * A tenant admin changes a mailbox's label, liste rouge, structure or status (closing has its
 * own use case). The directory is told in the same transaction: replace when the published
 * entry changes, delete when the mailbox becomes unlisted or suspended, insert when it comes
 * back. Audited with before and after.
 */
export async function updateMailbox({
  db,
  actor,
  tenantId,
  mailboxId,
  input,
  enqueuePublication,
}: {
  db: Db;
  actor: Actor;
  tenantId: string;
  mailboxId: string;
  input: TUpdateMailboxInput;
  enqueuePublication?: (publicationId: string) => Promise<void>;
}): Promise<{ publicationIds: string[] }> {
  assertTenantAdmin(actor, tenantId);
  const parsed = ZUpdateMailboxInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  const data = parsed.data;
  const result = await db.$transaction(async (tx) => {
    const before = await getPublishableMailbox({ db: tx, tenantId, mailboxId });
    if (!before) throw new AppError("NOT_FOUND", "Boîte aux lettres introuvable.");
    if (before.status === "closed") throw new AppError("CONFLICT", `La boîte ${before.address} est fermée.`);
    if (data.structureId && before.type !== "ORG" && before.type !== "APP") {
      throw new AppError("INVALID_INPUT", "Seules les boîtes organisationnelles ou applicatives portent un identifiant de structure.");
    }
    const changes = {
      ...(data.displayName !== undefined && { displayName: data.displayName }),
      ...(data.isUnlisted !== undefined && { isUnlisted: data.isUnlisted }),
      ...(data.structureId !== undefined && { structureId: data.structureId ?? null }),
      ...(data.status !== undefined && { status: data.status }),
    };
    // Only the state read above may change: a close committed meanwhile is final, never undone.
    const { count } = await tx.mailbox.updateMany({ where: { id: mailboxId, tenantId, status: before.status }, data: changes });
    if (count === 0) throw new AppError("CONFLICT", `La boîte ${before.address} a changé entre-temps ; rechargez la page.`);
    await recordAuditEvent({
      db: tx,
      tenantId,
      actorAccountId: actor.accountId,
      action: "mailbox.update",
      objectType: "mailbox",
      objectId: mailboxId,
      before: { displayName: before.displayName, isUnlisted: before.isUnlisted, structureId: before.structureId, status: before.status },
      after: changes,
    });
    return { publicationIds: await recordMailboxPublications({ db: tx, tenantId, mailboxId, before }) };
  });
  for (const id of result.publicationIds) await enqueuePublication?.(id).catch(() => undefined);
  return result;
}
