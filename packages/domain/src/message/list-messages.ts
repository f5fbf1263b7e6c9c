import type { Db } from "@mss/db/client";
import { type ImapConfig, withImapSession } from "@mss/mail/imap/imap-session";
import type { Actor } from "../actor/actor";
import { LIMITS } from "../config/limits";
import { getMailboxAccessOrThrow } from "../mailbox/get-mailbox-access-or-throw";

export const FOLDERS = { inbox: "INBOX", sent: "Sent", drafts: "Drafts", trash: "Trash", junk: "Junk" } as const;
export type FolderKey = keyof typeof FOLDERS;

export interface MessageSummary {
  uid: number;
  subject: string;
  from: { name: string; address: string } | null;
  to: Array<{ name: string; address: string }>;
  date: Date | null;
  isSeen: boolean;
  size: number;
}

/** Newest first, one page of the folder. */
export async function listMessages({
  db,
  imap,
  actor,
  mailboxId,
  folder,
  page = 1,
}: {
  db: Db;
  imap: ImapConfig;
  actor: Actor;
  mailboxId: string;
  folder: FolderKey;
  page?: number;
}): Promise<{ mailboxAddress: string; total: number; messages: MessageSummary[] }> {
  const mailbox = await getMailboxAccessOrThrow({ db, actor, mailboxId, right: "read", purpose: `list ${folder}` });
  return withImapSession(imap, mailbox.address, async (client) => {
    const lock = await client.getMailboxLock(FOLDERS[folder], { readOnly: true });
    try {
      const total = client.mailbox ? client.mailbox.exists : 0;
      if (total === 0) return { mailboxAddress: mailbox.address, total, messages: [] };
      const last = total - (page - 1) * LIMITS.webmailPageSize;
      const first = Math.max(1, last - LIMITS.webmailPageSize + 1);
      if (last < 1) return { mailboxAddress: mailbox.address, total, messages: [] };
      const messages: MessageSummary[] = [];
      for await (const msg of client.fetch(`${first}:${last}`, { uid: true, envelope: true, flags: true, size: true })) {
        const from = msg.envelope?.from?.[0];
        messages.push({
          uid: msg.uid,
          subject: msg.envelope?.subject ?? "",
          from: from ? { name: from.name ?? "", address: from.address ?? "" } : null,
          to: (msg.envelope?.to ?? []).map((a) => ({ name: a.name ?? "", address: a.address ?? "" })),
          date: msg.envelope?.date ? new Date(msg.envelope.date) : null,
          isSeen: msg.flags?.has("\\Seen") ?? false,
          size: msg.size ?? 0,
        });
      }
      messages.reverse();
      return { mailboxAddress: mailbox.address, total, messages };
    } finally {
      lock.release();
    }
  });
}
