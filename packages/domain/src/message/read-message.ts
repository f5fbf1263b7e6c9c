import type { Db } from "@mss/db/client";
import { type ImapConfig, withImapSession } from "@mss/mail/imap/imap-session";
import { type ParsedMessage, parseMessage } from "@mss/mail/mime/parse-message";
import type { Actor } from "../actor/actor";
import { LIMITS } from "../config/limits";
import { AppError } from "../errors/app-error";
import { getMailboxAccessOrThrow } from "../mailbox/get-mailbox-access-or-throw";
import { FOLDERS, type FolderKey } from "./list-messages";

/** Opens one message (marks it read) and returns it parsed, HTML already sanitised. */
export async function readMessage({
  db,
  imap,
  actor,
  mailboxId,
  folder,
  uid,
}: {
  db: Db;
  imap: ImapConfig;
  actor: Actor;
  mailboxId: string;
  folder: FolderKey;
  uid: number;
}): Promise<ParsedMessage & { uid: number; mailboxAddress: string }> {
  const mailbox = await getMailboxAccessOrThrow({ db, actor, mailboxId, right: "read", purpose: `read ${folder}/${uid}` });
  return withImapSession(imap, mailbox.address, async (client) => {
    const lock = await client.getMailboxLock(FOLDERS[folder]);
    try {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) throw new AppError("NOT_FOUND", "Ce message n'existe plus.");
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      return { ...(await parseMessage(message.source, { maxHtmlBytes: LIMITS.maxRenderedHtmlBytes })), uid, mailboxAddress: mailbox.address };
    } finally {
      lock.release();
    }
  });
}
