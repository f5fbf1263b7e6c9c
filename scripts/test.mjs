// `npm test`: the same bootstrap as `npm start` (test profile: own database, queues, Dovecot
// and ports), then lint, typecheck, unit, integration, build and Playwright in chromium.
import { resolve } from "node:path";
import { bootstrap, ensureDebianPackages } from "./lib/bootstrap.mjs";
import { startPlatform } from "./lib/platform.mjs";
import { log, runInherited, stopAll, stopOnSignals } from "./lib/proc.mjs";
import { profileEnv, ROOT } from "./lib/profile.mjs";

stopOnSignals();
const env = profileEnv("test");
// Tests want fast retries and a short reconcile period; production keeps the defaults.
Object.assign(env, { DELIVERY_BACKOFF_MS: "1000", DELIVERY_ATTEMPTS: "3", RECONCILE_INTERVAL_MS: "2000", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" });
const bin = (name) => resolve(ROOT, "node_modules/.bin", name);
const childEnv = () => ({ ...process.env, ...env });
const steps = [];

async function step(name, command, args, options = {}) {
  const started = Date.now();
  log(`── ${name}`);
  const code = await runInherited(command, args, { cwd: ROOT, env: childEnv(), ...options });
  steps.push({ name, code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}

let exitCode = 0;
try {
  const started = Date.now();
  ensureDebianPackages(["chromium"], "the Playwright tests");
  await bootstrap(env);
  steps.push({ name: "setup", code: 0, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  await step("lint", bin("biome"), ["check", "--error-on-warnings", "."]);
  await step("typecheck", bin("turbo"), ["run", "typecheck", "--output-logs=errors-only"]);
  await step("unit tests", bin("vitest"), ["run", "--project", "unit"]);
  await step("integration tests", bin("vitest"), ["run", "--project", "integration"]);
  await step("web build", process.execPath, [resolve(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: resolve(ROOT, "apps/web") });
  log("starting the platform for the browser tests…");
  await startPlatform(env);
  await step("e2e (Playwright, Debian chromium)", bin("playwright"), ["test"]);
} catch (error) {
  console.error(`\n${error.message}`);
  exitCode = 1;
} finally {
  await stopAll();
}
log("summary:");
for (const s of steps) log(`  ${s.code === 0 ? "ok  " : "FAIL"} ${s.name} (${s.seconds} s)`);
process.exit(exitCode);
