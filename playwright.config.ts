import { defineConfig, devices } from "@playwright/test";

// Debian's chromium (apt-get install chromium); never `playwright install`.
// `npm test` starts the platform (test profile) before running these journeys, and passes
// its environment (WEB_URL, MX_PORT, PKI_DIR…).
const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    // Browse as localhost: Next rewrites 127.0.0.1 to localhost, and the OIDC redirect URI must match.
    baseURL: process.env.WEB_URL ?? "http://localhost:3100",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunch } }],
});
