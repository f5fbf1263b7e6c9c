import { Queue, type ConnectionOptions } from "bullmq";
import { z } from "zod";

/**
 * One queue carries every spooled message to its recipients. The job id is the spool id,
 * so enqueuing twice (the gateway, then the reconciler after a Redis loss) is harmless.
 */
export const SPOOL_QUEUE = "spool";
export const DELIVER_JOB = "deliver";

export const ZSpoolJob = z.object({ spoolId: z.uuid() });
export type TSpoolJob = z.infer<typeof ZSpoolJob>;

export interface QueueConfig {
  redisUrl: string;
  prefix: string;
}

export function queueConnection({ redisUrl }: QueueConfig): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

export function createSpoolQueue(config: QueueConfig): Queue<TSpoolJob> {
  return new Queue<TSpoolJob>(SPOOL_QUEUE, { connection: queueConnection(config), prefix: config.prefix });
}

export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
}

/**
 * Options of a job keyed by its row's id (enqueuing twice is harmless), retried with exponential
 * backoff, and kept a day when done (a week when failed) for inspection.
 */
export function retriedJobOptions(jobId: string, retry: RetryPolicy) {
  return {
    jobId,
    attempts: retry.attempts,
    backoff: { type: "exponential", delay: retry.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export async function enqueueSpoolDelivery(queue: Queue<TSpoolJob>, spoolId: string, retry: RetryPolicy): Promise<void> {
  await queue.add(DELIVER_JOB, { spoolId }, retriedJobOptions(spoolId, retry));
}
