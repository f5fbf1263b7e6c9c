import { readFileSync } from "node:fs";
import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { createSpoolQueue, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { createFactories } from "@mss/domain/testing/factories";
import { getTestEnv, getTestImapConfig, pkiFile, uniqueQueuePrefix, uniqueSuffix } from "@mss/domain/testing/test-env";
import { waitFor } from "@mss/domain/testing/wait-for";
import { findStoredMessages } from "@mss/mail/testing/imap-probe";
import { composeTestMessage, sendAsPeer } from "@mss/mail/testing/peer-client";
import type { Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { startTestMx } from "../../gateway/src/testing/start-test-mx";
import { reconcileSpool } from "./reconcile";
import { startTestWorker, stopTestWorker } from "./testing/start-test-worker";

const env = getTestEnv();
const db = createDb(env.DATABASE_URL, { maxConnections: 5 });
const logger = createLogger("it-reconcile", env.TEST_LOG_LEVEL);
const prefix = uniqueQueuePrefix("reconcile");
const queue = createSpoolQueue({ redisUrl: env.REDIS_URL, prefix });
const retry = { attempts: 3, backoffMs: 200 };
const f = createFactories(db);
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await queue.obliterate({ force: true });
  await queue.close();
  await f.cleanup();
  await db.$disconnect();
});

describe("nothing is lost when Redis loses the queue", () => {
  it("re-enqueues a message accepted with 250 whose job was wiped, and delivers it", async () => {
    const tenant = await f.tenant();
    const mailbox = await f.mailbox({ tenant });
    const peerDomain = f.foreignDomain("peer");
    await f.trust({ domain: peerDomain, certificate: "peer" });
    const mx = await startTestMx({ db, queue, logger, retry });
    cleanups.push(() => mx.close());

    // No worker runs yet: the message can only wait in the spool and in Redis.
    const messageId = `<${uniqueSuffix()}@${peerDomain}>`;
    const raw = composeTestMessage({ from: `labo@${peerDomain}`, to: mailbox.address, subject: "Résultats", messageId, body: ["Résultats disponibles."] });
    const tls = { ca: readFileSync(pkiFile("ca")), cert: readFileSync(pkiFile("peer")), key: readFileSync(pkiFile("peer", "key")) };
    const result = await sendAsPeer({ port: mx.port, tls, from: `labo@${peerDomain}`, to: [mailbox.address], raw });
    expect(result.isAccepted).toBe(true);
    const spoolId = /queued as (\S+)/.exec(result.isAccepted ? result.response : "")?.[1] ?? "";
    expect(await queue.getJob(spoolId)).toBeTruthy();

    await queue.obliterate({ force: true });
    expect(await queue.getJob(spoolId)).toBeFalsy();
    const waiting = await db.spoolRecipient.findUniqueOrThrow({ where: { spoolId_address: { spoolId, address: mailbox.address } } });
    expect(waiting.state).toBe("pending");

    const reconciled = await reconcileSpool({ db, queue, retry, logger });
    expect(reconciled).toContain(spoolId);
    expect(await queue.getJob(spoolId)).toBeTruthy();

    const worker: Worker<TSpoolJob> = startTestWorker({ db, prefix, logger });
    cleanups.push(() => stopTestWorker(worker));
    await waitFor("delivery after reconcile", async () => {
      const r = await db.spoolRecipient.findUnique({ where: { spoolId_address: { spoolId, address: mailbox.address } } });
      return r?.state === "delivered" || undefined;
    });
    const stored = await findStoredMessages({ imap: getTestImapConfig(), mailboxAddress: mailbox.address, folder: "INBOX", messageId });
    expect(stored).toHaveLength(1);
  });

  it("enqueues the same spool row once however often it reconciles (the job id is the spool id)", async () => {
    const tenant = await f.tenant();
    const mailbox = await f.mailbox({ tenant });
    const spool = await db.spooledMessage.create({
      data: {
        direction: "inbound",
        mailFrom: `x@${f.foreignDomain()}`,
        sizeBytes: 2,
        raw: new Uint8Array(Buffer.from("\r\n")),
        recipients: { create: [{ address: mailbox.address, isLocal: true, tenantId: tenant.id }] },
      },
    });
    const isolated = createSpoolQueue({ redisUrl: env.REDIS_URL, prefix: uniqueQueuePrefix("reconcile-twice") });
    try {
      await reconcileSpool({ db, queue: isolated, retry, logger });
      await reconcileSpool({ db, queue: isolated, retry, logger });
      const jobs = await isolated.getJobs(["waiting", "delayed", "active", "prioritized"]);
      expect(jobs.filter((j) => j.data.spoolId === spool.id)).toHaveLength(1);
    } finally {
      await isolated.obliterate({ force: true });
      await isolated.close();
    }
  });
});
