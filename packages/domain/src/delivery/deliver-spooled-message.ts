import type { Db } from "@mss/db/client";
import type { RecipientOutcome } from "@mss/mail/smtp/transfer-result";
import { AppError } from "../errors/app-error";
import { domainOf } from "../mailbox/address";
import { isDomainWhitelisted } from "../trust/find-listed-dns";

/** The transports a delivery uses; the worker wires LMTP, SMTP and IMAP behind these. */
export interface DeliveryTransports {
  deliverLocal(args: { from: string; recipients: string[]; raw: Buffer }): Promise<RecipientOutcome[]>;
  relayRemote(args: { domain: string; from: string; recipients: string[]; raw: Buffer }): Promise<RecipientOutcome[]>;
  storeSentCopy(args: { mailboxAddress: string; raw: Buffer }): Promise<void>;
}

export interface DeliveryReport {
  delivered: number;
  failed: number;
  deferred: number;
}

/**
 * Delivers a spooled message to every recipient not yet done, records one outcome per
 * recipient, and stores the sender's Sent copy once. Idempotent: a retry only touches
 * recipients still pending or deferred. Throws a TEMPORARY_FAILURE AppError while some
 * recipients are deferred, so the queue retries with backoff.
 */
export async function deliverSpooledMessage({
  db,
  spoolId,
  transports,
}: {
  db: Db;
  spoolId: string;
  transports: DeliveryTransports;
}): Promise<DeliveryReport> {
  const spool = await db.spooledMessage.findUnique({
    where: { id: spoolId },
    include: { recipients: { where: { state: { in: ["pending", "deferred"] } } } },
  });
  if (!spool) return { delivered: 0, failed: 0, deferred: 0 };
  const raw = Buffer.from(spool.raw);
  const outcomes: RecipientOutcome[] = [];
  // Each stage's outcomes are stored as soon as it ends: a failure in a later stage (a relay,
  // the database) must not make a retry deliver again to recipients already served.
  const record = async (stage: RecipientOutcome[]) => {
    outcomes.push(...stage);
    await recordOutcomes({ db, spoolId, outcomes: stage });
  };

  const local = spool.recipients.filter((r) => r.isLocal).map((r) => r.address);
  if (local.length > 0) await record(await transports.deliverLocal({ from: spool.mailFrom, recipients: local, raw }));

  const remoteByDomain = new Map<string, string[]>();
  for (const r of spool.recipients.filter((r) => !r.isLocal)) {
    const domain = domainOf(r.address);
    remoteByDomain.set(domain, [...(remoteByDomain.get(domain) ?? []), r.address]);
  }
  for (const [domain, recipients] of remoteByDomain) {
    // The trust space is closed: a domain that left the whitelist since spooling is never tried.
    if (!(await isDomainWhitelisted({ db, domain }))) {
      await record(recipients.map((address) => ({ address, status: "permanent" as const, response: `550 5.7.1 ${domain} is not in the MSSante whitelist` })));
      continue;
    }
    await record(await transports.relayRemote({ domain, from: spool.mailFrom, recipients, raw }));
  }

  if (spool.direction === "outbound" && spool.sentCopyStoredAt === null && spool.fromMailboxId !== null) {
    const mailbox = await db.mailbox.findUnique({ where: { id: spool.fromMailboxId }, select: { address: true, status: true } });
    // A mailbox suspended or closed since sending has no Sent folder to write to (Dovecot only
    // serves active ones): the copy is given up rather than retried for ever.
    if (mailbox?.status === "active") await transports.storeSentCopy({ mailboxAddress: mailbox.address, raw });
    await db.spooledMessage.update({ where: { id: spoolId }, data: { sentCopyStoredAt: new Date() } });
  }

  const report = {
    delivered: outcomes.filter((o) => o.status === "delivered").length,
    failed: outcomes.filter((o) => o.status === "permanent").length,
    deferred: outcomes.filter((o) => o.status === "temporary").length,
  };
  if (report.deferred > 0) {
    throw new AppError("TEMPORARY_FAILURE", "Distribution différée", { internalMessage: `${report.deferred} recipient(s) deferred for spool ${spoolId}` });
  }
  return report;
}

async function recordOutcomes({ db, spoolId, outcomes }: { db: Db; spoolId: string; outcomes: RecipientOutcome[] }): Promise<void> {
  const now = new Date();
  await db.$transaction(
    outcomes.map((outcome) =>
      db.spoolRecipient.update({
        where: { spoolId_address: { spoolId, address: outcome.address } },
        data: {
          state: outcome.status === "delivered" ? "delivered" : outcome.status === "permanent" ? "failed" : "deferred",
          attempts: { increment: 1 },
          lastAttemptAt: now,
          lastResponse: outcome.response.slice(0, 1000),
          deliveredAt: outcome.status === "delivered" ? now : null,
        },
      }),
    ),
  );
}

/**
 * After the last retry: recipients still deferred become failed (DSNs to the sender are not
 * built yet: the failure is visible in the spool and the worker's logs),
 * keeping the peer's last reply, which is what the sender needs to know.
 */
export async function expireDeferredRecipients({ db, spoolId }: { db: Db; spoolId: string }): Promise<number> {
  return db.$executeRaw`
    UPDATE "spool_recipient"
    SET state = 'failed', "lastResponse" = left('retries exhausted; last reply: ' || coalesce("lastResponse", 'none'), 1000)
    WHERE "spoolId" = ${spoolId} AND state IN ('pending', 'deferred')`;
}

/** Spool rows with work left, for the reconciler (oldest first, bounded). */
export async function findUnfinishedSpoolIds({ db, limit }: { db: Db; limit: number }): Promise<string[]> {
  const rows = await db.spooledMessage.findMany({
    where: {
      OR: [
        { recipients: { some: { state: { in: ["pending", "deferred"] } } } },
        { direction: "outbound", sentCopyStoredAt: null, fromMailboxId: { not: null } },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
