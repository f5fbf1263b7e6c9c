import type { Db } from "@mss/db/client";
import { type Actor, assertTenantAdmin } from "../actor/actor";

/** The admin console's list: every mailbox and domain of one tenant. */
export async function findTenantMailboxes({ db, actor, tenantId }: { db: Db; actor: Actor; tenantId: string }) {
  assertTenantAdmin(actor, tenantId);
  const [tenant, domains, mailboxes] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, slug: true } }),
    db.domain.findMany({ where: { tenantId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.mailbox.findMany({
      where: { tenantId },
      orderBy: { address: "asc" },
      select: {
        id: true,
        address: true,
        type: true,
        status: true,
        displayName: true,
        isUnlisted: true,
        structureId: true,
        createdAt: true,
        professional: { select: { nationalId: true } },
      },
    }),
  ]);
  return { tenant, domains, mailboxes };
}

/** Tenants the actor administers (all of them for the platform operator). */
export async function findAdministeredTenants({ db, actor }: { db: Db; actor: Actor }) {
  return db.tenant.findMany({
    where: actor.isPlatformOperator ? {} : { id: { in: actor.adminTenantIds } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, slug: true },
  });
}
