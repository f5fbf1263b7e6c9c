import { type ImapConfig, withImapSession } from "../imap/imap-session";

export interface StoredMessage {
  uid: number;
  source: string;
}

/** Messages of one folder of a mailbox whose Message-ID header contains `messageId`. */
export async function findStoredMessages({
  imap,
  mailboxAddress,
  folder,
  messageId,
}: {
  imap: ImapConfig;
  mailboxAddress: string;
  folder: string;
  messageId: string;
}): Promise<StoredMessage[]> {
  return withImapSession(imap, mailboxAddress, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      const uids = await client.search({ header: { "message-id": messageId } }, { uid: true });
      if (!uids || uids.length === 0) return [];
      const messages = await client.fetchAll(uids.join(","), { uid: true, source: true }, { uid: true });
      return messages.map((m) => ({ uid: m.uid, source: m.source ? m.source.toString("utf8") : "" }));
    } finally {
      lock.release();
    }
  });
}
