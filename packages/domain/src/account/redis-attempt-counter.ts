import type { Redis } from "ioredis";
import type { AttemptCounter } from "./attempt-counter";

/** Failed-attempt counters in Redis, shared by every web replica; losing them is harmless. */
export function createRedisAttemptCounter(redis: Redis, prefix: string): AttemptCounter {
  const key = (name: string) => `${prefix}:attempts:${name}`;
  return {
    async recordFailure(name, windowSeconds) {
      const results = await redis.multi().incr(key(name)).expire(key(name), windowSeconds, "NX").exec();
      return Number(results?.[0]?.[1] ?? 0);
    },
    async count(name) {
      return Number((await redis.get(key(name))) ?? 0);
    },
    async clear(name) {
      await redis.del(key(name));
    },
  };
}
