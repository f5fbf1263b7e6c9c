import "server-only";
import type { AttemptCounter } from "@mss/domain/account/attempt-counter";
import { createRedisAttemptCounter } from "@mss/domain/account/redis-attempt-counter";
import { Redis } from "ioredis";
import { getEnv } from "./env";

const globals = globalThis as unknown as { mssAttempts?: AttemptCounter };

export function getAttemptCounter(): AttemptCounter {
  const env = getEnv();
  globals.mssAttempts ??= createRedisAttemptCounter(new Redis(env.REDIS_URL, { maxRetriesPerRequest: 2 }), env.QUEUE_PREFIX);
  return globals.mssAttempts;
}
