import type { Db } from "@mss/db/client";
import type { MailboxStatus } from "@mss/db/types";
import { domainOf } from "./address";

export interface HostedRecipient {
  isDomainHosted: boolean;
  mailbox: { id: string; tenantId: string; status: MailboxStatus } | null;
}

/** What this platform hosts for an address: its domain, and the mailbox if any. */
export async function getHostedRecipient({ db, address }: { db: Db; address: string }): Promise<HostedRecipient> {
  const normalized = address.trim().toLowerCase();
  const [domain, mailbox] = await Promise.all([
    db.domain.findUnique({ where: { name: domainOf(normalized) }, select: { id: true } }),
    db.mailbox.findUnique({ where: { address: normalized }, select: { id: true, tenantId: true, status: true } }),
  ]);
  return { isDomainHosted: domain !== null, mailbox };
}
