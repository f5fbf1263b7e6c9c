import { z } from "zod";

const ZEnv = z.object({
  DATABASE_URL: z.string().min(1),
  REDIS_URL: z.string().min(1),
  QUEUE_PREFIX: z.string().default("mss"),
  MX_HOST: z.string().default("0.0.0.0"),
  MX_PORT: z.coerce.number().int().positive().default(25),
  MTA_HOSTNAME: z.string().min(1),
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  DELIVERY_ATTEMPTS: z.coerce.number().int().positive().default(12),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().positive().default(60_000),
  LOG_LEVEL: z.string().default("info"),
});

export type TEnv = z.infer<typeof ZEnv>;

/** The only place the gateway reads process.env; fails at boot with every problem listed. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  return ZEnv.parse(source);
}
