import type { Db } from "@mss/db/client";
import type { PublicationOperation, PublicationStatus } from "@mss/db/types";
import { type Actor, assertTenantAdmin } from "../actor/actor";

export interface LatestPublication {
  id: string;
  operation: PublicationOperation;
  status: PublicationStatus;
  attempts: number;
  lastHttpStatus: number | null;
  lastError: string | null;
  updatedAt: Date;
  /** Failed with a request that can be sent again (not a missing FINESS or national id). */
  canRetry: boolean;
}

/** The admin console's publication column: the latest publication of each mailbox of a tenant. */
export async function findLatestPublications({ db, actor, tenantId }: { db: Db; actor: Actor; tenantId: string }): Promise<Map<string, LatestPublication>> {
  assertTenantAdmin(actor, tenantId);
  const rows = await db.mailboxPublication.findMany({
    // Skipped rows sent nothing; the liste rouge shows from the mailbox itself.
    where: { tenantId, status: { not: "skipped" } },
    distinct: ["mailboxId"],
    orderBy: [{ mailboxId: "asc" }, { createdAt: "desc" }],
    select: { id: true, mailboxId: true, operation: true, status: true, attempts: true, lastHttpStatus: true, lastError: true, updatedAt: true, payload: true },
  });
  return new Map(rows.map(({ mailboxId, payload, ...latest }) => [mailboxId, { ...latest, canRetry: latest.status === "failed" && payload !== null }]));
}
