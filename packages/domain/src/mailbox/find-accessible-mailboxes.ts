import type { Db } from "@mss/db/client";
import type { AccessRight, MailboxType } from "@mss/db/types";
import type { Actor } from "../actor/actor";

export interface AccessibleMailbox {
  id: string;
  tenantId: string;
  address: string;
  displayName: string;
  type: MailboxType;
  isOwner: boolean;
  rights: AccessRight[];
}

const ALL_RIGHTS: AccessRight[] = ["read", "send", "manage"];

/**
 * Mailboxes an account may open: PER/CAB mailboxes of the professional it signs in as
 * (national id), and mailboxes delegated to it. Only active mailboxes.
 */
export async function findAccessibleMailboxes({ db, actor }: { db: Db; actor: Actor }): Promise<AccessibleMailbox[]> {
  const [owned, delegated] = await Promise.all([
    actor.nationalId
      ? db.mailbox.findMany({ where: { status: "active", professional: { nationalId: actor.nationalId } }, orderBy: { address: "asc" } })
      : Promise.resolve([]),
    db.mailboxAccess.findMany({
      where: { accountId: actor.accountId, mailbox: { status: "active" } },
      include: { mailbox: true },
      orderBy: { mailbox: { address: "asc" } },
    }),
  ]);
  const result: AccessibleMailbox[] = owned.map((m) => ({
    id: m.id, tenantId: m.tenantId, address: m.address, displayName: m.displayName, type: m.type, isOwner: true, rights: ALL_RIGHTS,
  }));
  for (const access of delegated) {
    if (result.some((m) => m.id === access.mailboxId)) continue;
    const m = access.mailbox;
    result.push({ id: m.id, tenantId: m.tenantId, address: m.address, displayName: m.displayName, type: m.type, isOwner: false, rights: access.rights });
  }
  return result;
}
