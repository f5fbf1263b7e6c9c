import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { writeExtract } from "@mss/domain/directory/testing/extract-generator";
import { expect, test } from "@playwright/test";
import { DEMO } from "../prisma/demo-data";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { E2E } from "./support/env";
import { signInLocally } from "./support/sign-in";

test("the platform operator syncs the national directory from a file and reads the report", async ({ page }) => {
  // A deterministic file with irregular rows (a rerun finds everything unchanged), under a name
  // of this run's own so the report checked below cannot be an earlier run's.
  mkdirSync(E2E.DIRECTORY_IMPORT_DIR, { recursive: true });
  const fileName = `Extraction_Correspondance_MSSante_${randomUUID()}.txt`;
  const source = resolve(E2E.DIRECTORY_IMPORT_DIR, fileName);
  await writeExtract(source, { rows: 120, seed: 2026, quirks: true });

  await signInLocally(page, DEMO.operator, "/admin/directory");
  await expect(page.getByRole("heading", { name: "Synchronisation de l'annuaire national" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A path outside the import directory is refused at once with a clear message.
  await page.getByLabel("Source : URL http(s) ou chemin sur le serveur (ZIP, gzip ou texte)").fill("/etc/passwd");
  await page.getByRole("button", { name: "Lancer la synchronisation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "répertoire d'import" })).toBeVisible();

  await page.getByLabel("Source : URL http(s) ou chemin sur le serveur (ZIP, gzip ou texte)").fill(source);
  await page.getByLabel("Fichier", { exact: true }).selectOption("mssante-extract");
  await page.getByRole("button", { name: "Lancer la synchronisation" }).click();

  // The page refreshes itself while the job runs; the newest report comes first.
  const report = page.getByRole("row").filter({ hasText: fileName });
  await expect(report).toContainText("Réussie", { timeout: 30_000 });
  await expect(report).toContainText("122"); // rows read: 120 generated plus the irregular ones
  await report.getByText("Lignes irrégulières").click();
  await expect(report).toContainText("duplicateAddress");
  rmSync(source);
});
