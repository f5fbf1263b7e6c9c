// Starts the platform's own processes (and the PSC stand-in) for `npm start` and the e2e run.
import { resolve } from "node:path";
import { startService, waitForPort } from "./proc.mjs";
import { ROOT } from "./profile.mjs";

/** Starts psc and national directory stand-ins, gateway, worker and web (`next start`, so build first). */
export async function startPlatform(env, { withWeb = true } = {}) {
  const tsx = resolve(ROOT, "node_modules/.bin/tsx");
  if (env.PSC_STAND_IN === "1") {
    startService("psc", process.execPath, [resolve(ROOT, "infra/psc-stand-in/server.mjs")], { env });
    await waitForPort(Number(env.PSC_PORT));
  }
  if (env.DIRECTORY_STUB === "1") {
    startService("directory", process.execPath, [resolve(ROOT, "infra/fhir-directory-stub/server.mjs")], { env });
    await waitForPort(Number(env.DIRECTORY_STUB_PORT));
  }
  startService("gateway", tsx, [resolve(ROOT, "apps/gateway/src/main.ts")], { env });
  startService("worker", tsx, [resolve(ROOT, "apps/worker/src/main.ts")], { env });
  if (!withWeb) return waitForPort(Number(env.MX_PORT));
  startService("web", process.execPath, [resolve(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", env.WEB_PORT, "-H", "127.0.0.1"], {
    env,
    cwd: resolve(ROOT, "apps/web"),
  });
  await Promise.all([waitForPort(Number(env.MX_PORT)), waitForPort(Number(env.WEB_PORT), "127.0.0.1", 60000)]);
}

