import "server-only";
import type { Actor } from "@mss/domain/actor/actor";
import { type AccessibleMailbox, findAccessibleMailboxes } from "@mss/domain/mailbox/find-accessible-mailboxes";
import { FOLDERS, type FolderKey } from "@mss/domain/message/list-messages";
import { notFound } from "next/navigation";
import { getDb } from "./services";
import { requireActor } from "./session";

/** Actor, the mailboxes they may open, and the one in the URL (404 if not theirs). */
export async function loadMailContext(mailboxId: string): Promise<{ actor: Actor; mailboxes: AccessibleMailbox[]; current: AccessibleMailbox }> {
  const actor = await requireActor();
  // The webmail shows the mailboxes the actor may read (a delegation may grant other rights only).
  const mailboxes = (await findAccessibleMailboxes({ db: getDb(), actor })).filter((m) => m.rights.includes("read"));
  const current = mailboxes.find((m) => m.id === mailboxId);
  if (!current) notFound();
  return { actor, mailboxes, current };
}

export function parseFolder(value: string): FolderKey {
  if (!(value in FOLDERS)) notFound();
  return value as FolderKey;
}
