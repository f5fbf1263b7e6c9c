import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

const ZE2eEnv = z.object({
  DATABASE_URL: z.string().min(1),
  DIRECTORY_IMPORT_DIR: z.string().min(1),
  PKI_DIR: z.string().min(1),
  MX_PORT: z.coerce.number().int().positive(),
  PEER_PORT: z.coerce.number().int().positive(),
  WEB_URL: z.url(),
});

/** The platform the journeys run against, as `npm test` started it. */
export const E2E = ZE2eEnv.parse(process.env);

export const pem = (name: string) => readFileSync(resolve(E2E.PKI_DIR, name));
