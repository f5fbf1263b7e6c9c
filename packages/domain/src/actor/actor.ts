import type { Db } from "@mss/db/client";
import { AppError } from "../errors/app-error";

/** Who is acting: resolved once per request from the session, passed to every use case. */
export interface Actor {
  accountId: string;
  displayName: string;
  /** `8`+RPPS or `0`+ADELI for Pro Santé Connect accounts; links them to their PER mailboxes. */
  nationalId: string | null;
  isPlatformOperator: boolean;
  adminTenantIds: string[];
  /** A local account without a confirmed second factor may only enrol one. */
  mustEnrollTotp: boolean;
}

export async function getActor({ db, accountId }: { db: Db; accountId: string }): Promise<Actor | null> {
  const account = await db.account.findUnique({
    where: { id: accountId },
    include: { memberships: { where: { role: "admin" }, select: { tenantId: true } } },
  });
  if (!account) return null;
  return {
    accountId: account.id,
    displayName: account.displayName,
    nationalId: account.nationalId,
    isPlatformOperator: account.isPlatformOperator,
    adminTenantIds: account.memberships.map((m) => m.tenantId),
    mustEnrollTotp: account.kind === "local" && account.totpConfirmedAt === null,
  };
}

export function canAdministerTenant(actor: Actor, tenantId: string): boolean {
  return actor.isPlatformOperator || actor.adminTenantIds.includes(tenantId);
}

export function assertTenantAdmin(actor: Actor, tenantId: string): void {
  if (!canAdministerTenant(actor, tenantId)) {
    throw new AppError("FORBIDDEN", "Vous n'administrez pas cet établissement.", { internalMessage: `account ${actor.accountId} is not admin of tenant ${tenantId}` });
  }
}
