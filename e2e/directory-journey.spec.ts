import { randomBytes } from "node:crypto";
import { createDb } from "@mss/db/client";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { E2E } from "./support/env";
import { DEMO } from "../prisma/demo-data";
import { signInLocally, signInWithPsc } from "./support/sign-in";

const DOCTOR = { nationalId: "810000000001" };

test("the doctor finds a professional in the directory, writes to them, and gets them suggested in compose", async ({ page }) => {
  // Letters only: the surname is matched by prefix and must be this run's alone.
  const tag = Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join("");
  const surname = `Annuaire${tag}`;
  const address = `leonie.${tag}@operateur-pair.mssante.fr`;
  const db = createDb(E2E.DATABASE_URL, { maxConnections: 1 });
  await db.directoryEntry.create({
    data: {
      address,
      mailboxType: "PER",
      nationalId: `8${String(Date.now()).slice(-11)}`,
      civility: "DR",
      lastName: surname.toUpperCase(),
      firstName: "Léonie",
      professionCode: "10",
      professionLabel: "Médecin",
      specialtyCode: "SM04",
      specialtyLabel: "Cardiologie et maladies vasculaires",
      organizationName: "CENTRE HOSPITALIER DE TEST",
      postalCode: "31059",
      department: "31",
      town: "TOULOUSE",
      rowHash: "e2e",
    },
  });
  try {
    await signInWithPsc(page, DOCTOR.nationalId);
    await page.getByRole("link", { name: "Annuaire" }).click();
    await expect(page.getByRole("heading", { name: "Annuaire santé" })).toBeVisible();

    // Accents and case do not matter.
    await page.getByLabel("Nom, prénom, service ou établissement").fill(`LEONIE ${surname.toLowerCase()}`);
    await page.getByLabel("Profession").selectOption({ label: "Médecin" });
    await page.getByRole("button", { name: "Rechercher" }).click();

    await expect(page.getByRole("status")).toContainText("trouvée");
    const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: `Dr Léonie ${surname.toUpperCase()}` }) });
    await expect(card).toContainText("Cardiologie et maladies vasculaires");
    await expect(card).toContainText(address);
    await expect(card).toContainText("CENTRE HOSPITALIER DE TEST");
    await expectNoAccessibilityViolations(page);

    await card.getByRole("link", { name: "Écrire" }).click();
    await expect(page).toHaveURL(/\/compose\?to=/);
    const to = page.getByLabel("À", { exact: true });
    await expect(to).toHaveValue(address);

    // Autocomplete: a few letters, then the keyboard.
    await to.fill("");
    await to.pressSequentially(surname.slice(0, 10).toLowerCase(), { delay: 30 });
    const option = page.getByRole("option").filter({ hasText: address });
    await expect(option).toBeVisible();
    await expect(option).toContainText("CENTRE HOSPITALIER DE TEST");
    await expect(to).toHaveAttribute("aria-expanded", "true");
    await to.press("ArrowDown");
    await expect(page.getByRole("option", { selected: true })).toContainText(address);
    await to.press("Enter");
    await expect(to).toHaveValue(`${address}, `);
    await expect(to).toHaveAttribute("aria-expanded", "false");
    await expectNoAccessibilityViolations(page);
  } finally {
    await db.directoryEntry.deleteMany({ where: { address } });
    await db.$disconnect();
  }
});

test("a tenant admin finds a professional in the national directory and creates their mailbox from it", async ({ page }) => {
  const tag = Array.from(randomBytes(6), (b) => String.fromCharCode(97 + (b % 26))).join("");
  const surname = `Creation${tag}`;
  const nationalId = `8${String(Date.now()).slice(-11)}`;
  const db = createDb(E2E.DATABASE_URL, { maxConnections: 1 });
  await db.directoryEntry.create({
    data: {
      address: `amelie.${tag}@medecin.mssante.fr`,
      mailboxType: "PER",
      nationalId,
      civility: "DR",
      lastName: surname.toUpperCase(),
      firstName: "Amélie",
      professionCode: "10",
      professionLabel: "Médecin",
      town: "LYON",
      rowHash: "e2e",
    },
  });
  try {
    await signInLocally(page, DEMO.admin);
    await page.getByLabel("Nom du professionnel").fill(surname.toLowerCase());
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByRole("link", { name: `Créer sa boîte ici : Amélie ${surname.toUpperCase()}` }).click();

    await expect(page.getByLabel("Identifiant national (8 + RPPS ou 0 + ADELI)")).toHaveValue(nationalId);
    await expect(page.getByLabel("Prénom")).toHaveValue("Amélie");
    await expect(page.getByLabel("Nom", { exact: true })).toHaveValue(surname.toUpperCase());
    await expect(page.getByLabel("Adresse (partie avant @)")).toHaveValue(`amelie.${surname.toLowerCase()}`);
    await expectNoAccessibilityViolations(page);
    await page.getByRole("button", { name: "Créer la boîte aux lettres" }).click();
    await expect(page.getByRole("status").filter({ hasText: `amelie.${surname.toLowerCase()}@gcs-demo.mssante.fr créée` })).toBeVisible();
  } finally {
    await db.directoryEntry.deleteMany({ where: { nationalId } });
    await db.$disconnect();
  }
});
