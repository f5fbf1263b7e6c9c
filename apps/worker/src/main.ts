import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { expireDeferredRecipients, findUnfinishedSpoolIds } from "@mss/domain/delivery/deliver-spooled-message";
import { parseRelayRoutes } from "@mss/domain/delivery/resolve-next-hop";
import { createSpoolQueue, enqueueSpoolDelivery, queueConnection, SPOOL_QUEUE } from "@mss/domain/jobs/spool-queue";
import { loadTlsMaterial } from "@mss/mail/tls/tls-material";
import { Worker } from "bullmq";
import { loadEnv } from "./env";
import { createDeliverProcessor } from "./processors/deliver";

const env = loadEnv();
const logger = createLogger("worker", env.LOG_LEVEL);
const db = createDb(env.DATABASE_URL);
const tls = loadTlsMaterial({ caFile: env.TLS_CA_FILE, certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE });
const queueConfig = { redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX };
const queue = createSpoolQueue(queueConfig);
const retry = { attempts: env.DELIVERY_ATTEMPTS, backoffMs: env.DELIVERY_BACKOFF_MS };

const worker = new Worker(
  SPOOL_QUEUE,
  createDeliverProcessor({
    db,
    tls,
    lmtp: { host: env.LMTP_HOST, port: env.LMTP_PORT },
    imap: { host: env.IMAP_HOST, port: env.IMAP_PORT, ca: tls.ca, masterUser: env.DOVECOT_MASTER_USER, masterPassword: env.DOVECOT_MASTER_PASSWORD },
    routes: parseRelayRoutes(env.RELAY_ROUTES),
    heloName: env.MTA_HOSTNAME,
    logger,
  }),
  { connection: queueConnection(queueConfig), prefix: env.QUEUE_PREFIX, concurrency: env.WORKER_CONCURRENCY },
);

worker.on("failed", async (job, error) => {
  if (!job) return;
  const isLastAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
  logger.warn({ jobId: job.id, attempt: job.attemptsMade, isLastAttempt, err: error.message }, "delivery attempt failed");
  if (isLastAttempt) await expireDeferredRecipients({ db, spoolId: String(job.data.spoolId) });
});
worker.on("error", (error) => logger.error({ err: error }, "worker error"));

/**
 * Redis is never the only copy: every spool row with work left is re-enqueued under its own
 * id (a no-op when the job still exists), at start and then periodically.
 */
async function reconcile() {
  try {
    const ids = await findUnfinishedSpoolIds({ db, limit: 1000 });
    for (const id of ids) await enqueueSpoolDelivery(queue, id, retry);
    if (ids.length > 0) logger.info({ count: ids.length }, "reconciled unfinished spool rows");
  } catch (error) {
    logger.error({ err: error }, "reconcile failed");
  }
}
await reconcile();
const reconcileTimer = setInterval(reconcile, env.RECONCILE_INTERVAL_MS);
logger.info({ concurrency: env.WORKER_CONCURRENCY }, "worker ready");

async function shutdown(signal: string) {
  logger.info({ signal }, "stopping (finishing jobs in progress)");
  clearInterval(reconcileTimer);
  await worker.close();
  await queue.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
