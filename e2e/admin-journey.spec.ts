import { randomInt, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { sendAsPeer } from "./support/peer-operator";
import { signInLocally, signInWithPsc } from "./support/sign-in";

const ADMIN = { email: "admin@gcs-demo.mssante.fr", password: "Admin-Demo-2026!" };
const SECRETARY = { email: "sophie.bernard@gcs-demo.mssante.fr", password: "Secretaire-Demo-2026!" };

test("a tenant admin creates a PER mailbox, which receives mail through the gateway at once", async ({ page, browser }) => {
  const rpps = String(randomInt(10_000_000_000, 99_999_999_999));
  const localPart = `dr.test.${randomUUID().slice(0, 8)}`;
  const address = `${localPart}@gcs-demo.mssante.fr`;

  await signInLocally(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole("heading", { name: "GCS e-Santé Démo" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Identifiant national (8 + RPPS ou 0 + ADELI)").fill(`8${rpps}`);
  await page.getByLabel("Prénom").fill("Camille");
  await page.getByLabel("Nom", { exact: true }).fill("Roux");
  await page.getByLabel("Profession", { exact: true }).fill("Médecin");
  await page.getByLabel("Adresse (partie avant @)").fill(localPart);
  await page.getByRole("button", { name: "Créer la boîte aux lettres" }).click();
  await expect(page.getByRole("status")).toContainText(`Boîte aux lettres ${address} créée`);
  await expect(page.getByRole("cell", { name: address })).toBeVisible();

  // Creating it twice is refused with a clear message.
  await page.getByLabel("Identifiant national (8 + RPPS ou 0 + ADELI)").fill(`8${rpps}`);
  await page.getByLabel("Prénom").fill("Camille");
  await page.getByLabel("Nom", { exact: true }).fill("Roux");
  await page.getByLabel("Adresse (partie avant @)").fill(localPart);
  await page.getByRole("button", { name: "Créer la boîte aux lettres" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "existe déjà" })).toBeVisible();
  await expect(page.getByLabel("Adresse (partie avant @)")).toHaveValue(localPart);

  const subject = `Bienvenue ${randomUUID().slice(0, 8)}`;
  const sent = await sendAsPeer({ from: "accueil@operateur-pair.mssante.fr", to: address, subject, text: "Première lettre" });
  expect(sent.response).toMatch(/^250 /);

  // The professional signs in with Pro Santé Connect and finds it.
  const doctor = await (await browser.newContext()).newPage();
  await signInWithPsc(doctor, `8${rpps}`);
  await expect(doctor.getByText(address)).toBeVisible();
  await expect(async () => {
    await doctor.reload();
    await expect(doctor.getByRole("link", { name: new RegExp(subject) })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
});

test("a secretary works on the delegated ORG mailbox only", async ({ page }) => {
  await signInLocally(page, SECRETARY.email, SECRETARY.password, "/mail");
  await expect(page).toHaveURL(/\/mail\//);
  const nav = page.getByRole("navigation", { name: "Boîtes aux lettres et dossiers" });
  await expect(nav.getByText("secretariat.cardiologie@gcs-demo.mssante.fr")).toBeVisible();
  await expect(nav.getByText("déléguée")).toBeVisible();
  await expect(nav.getByText("jeanne.martin@gcs-demo.mssante.fr")).toHaveCount(0);
});

test("the login page is accessible and refuses a wrong password clearly", async ({ page }) => {
  await page.goto("/login");
  await expectNoAccessibilityViolations(page);
  await signInLocally(page, ADMIN.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
