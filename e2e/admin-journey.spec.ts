import { randomInt, randomUUID } from "node:crypto";
import { createDb } from "@mss/db/client";
import { hashPassword } from "@mss/domain/account/password";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { E2E } from "./support/env";
import { sendAsPeer } from "./support/peer-operator";
import { DEMO } from "../prisma/demo-data";
import { currentTotp, signInLocally, signInWithPsc } from "./support/sign-in";

const { admin: ADMIN, secretary: SECRETARY } = DEMO;

test("a tenant admin creates a PER mailbox, which receives mail through the gateway at once", async ({ page, browser }) => {
  const rpps = String(randomInt(10_000_000_000, 99_999_999_999));
  const localPart = `dr.test.${randomUUID().slice(0, 8)}`;
  const address = `${localPart}@gcs-demo.mssante.fr`;

  await signInLocally(page, ADMIN);
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

  // The admin then keeps it out of the national directory, and suspends it: the MX refuses mail.
  const row = page.getByRole("row").filter({ hasText: address });
  await row.getByRole("button", { name: "Mettre en liste rouge" }).click();
  await expect(row.getByRole("button", { name: "Retirer de la liste rouge" })).toBeVisible();
  await row.getByRole("button", { name: "Suspendre" }).click();
  await expect(row.getByRole("cell", { name: "suspendue" })).toBeVisible();
  const refused = await sendAsPeer({ from: "accueil@operateur-pair.mssante.fr", to: address, subject: "Après suspension", text: "?" });
  expect(refused).toMatchObject({ isAccepted: false, code: 550 });
  expect(refused.response).toContain("5.2.1");
});

test("a secretary works on the delegated ORG mailbox only", async ({ page }) => {
  await signInLocally(page, SECRETARY, "/mail");
  await expect(page).toHaveURL(/\/mail\//);
  const nav = page.getByRole("navigation", { name: "Boîtes aux lettres et dossiers" });
  await expect(nav.getByText("secretariat.cardiologie@gcs-demo.mssante.fr")).toBeVisible();
  await expect(nav.getByText("déléguée")).toBeVisible();
  await expect(nav.getByText("jeanne.martin@gcs-demo.mssante.fr")).toHaveCount(0);
});

test("the login page is accessible and refuses a wrong password clearly", async ({ page }) => {
  await page.goto("/login");
  await expectNoAccessibilityViolations(page);
  await signInLocally(page, { email: ADMIN.email, password: "not-the-password" });
  await expect(page.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("a new local account enrols a TOTP second factor at first sign-in, then needs its code", async ({ page }) => {
  const email = `accueil.${randomUUID().slice(0, 8)}@gcs-demo.mssante.fr`;
  const password = "Accueil-Test-2026!";
  const db = createDb(E2E.DATABASE_URL);
  await db.account.create({ data: { kind: "local", email, passwordHash: await hashPassword(password), displayName: "Agent d'accueil" } });
  await db.$disconnect();

  await signInLocally(page, { email, password }, "/mail");
  await expect(page).toHaveURL(/\/compte\/double-authentification/);
  await expect(page.getByRole("heading", { name: "Activez la double authentification" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  // Any other page sends the account back to enrolment until it is done.
  await page.goto("/mail");
  await expect(page).toHaveURL(/\/compte\/double-authentification/);

  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
  await page.getByLabel("Code affiché par l'application").fill("000000");
  await page.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Code incorrect" })).toBeVisible();
  await page.getByLabel("Code affiché par l'application").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(page.getByRole("heading", { name: "Aucune boîte aux lettres" })).toBeVisible();

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await signInLocally(page, { email, password }, "/mail");
  await expect(page.getByRole("alert").filter({ hasText: "Code de vérification manquant ou incorrect" })).toBeVisible();
  await signInLocally(page, { email, password, totpSecret: secret }, "/mail");
  await expect(page.getByRole("heading", { name: "Aucune boîte aux lettres" })).toBeVisible();
});
