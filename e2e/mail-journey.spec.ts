import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./support/accessibility";
import { sendAsPeer, startPeerServer } from "./support/peer-operator";
import { signInWithPsc } from "./support/sign-in";

const DOCTOR = { nationalId: "810000000001", address: "jeanne.martin@gcs-demo.mssante.fr" };
const PEER_SENDER = "dr.leroy@operateur-pair.mssante.fr";

test("a peer operator's message reaches the doctor, who reads it and replies to the peer", async ({ page }) => {
  const peer = await startPeerServer();
  try {
    const subject = `Compte rendu de consultation ${randomUUID().slice(0, 8)}`;
    const sent = await sendAsPeer({ from: PEER_SENDER, to: DOCTOR.address, subject, text: "Bonjour, voici le compte rendu de M. Petit." });
    expect(sent.response).toMatch(/^250 /);

    await signInWithPsc(page, DOCTOR.nationalId);
    await expect(page.getByRole("heading", { name: "Boîte de réception" })).toBeVisible();
    // Delivery is asynchronous (spool → queue → LMTP): reload until the worker has delivered.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("link", { name: new RegExp(subject) })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: new RegExp(subject) }).click();
    await expect(page.getByRole("heading", { name: subject })).toBeVisible();
    await expect(page.getByText("voici le compte rendu de M. Petit")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Répondre" }).click();
    await expect(page.getByLabel("À", { exact: true })).toHaveValue(PEER_SENDER);
    await expect(page.getByLabel("Objet")).toHaveValue(`Re: ${subject}`);
    await expectNoAccessibilityViolations(page);
    await page.getByLabel("Message").press("Control+Home");
    await page.getByLabel("Message").pressSequentially("Merci, bien reçu. Dr Martin");
    await page.getByRole("button", { name: "Envoyer" }).click();

    await expect(page.getByRole("status")).toContainText("Message envoyé");
    await expect(page.getByRole("heading", { name: "Envoyés" })).toBeVisible();

    // The peer received it over STARTTLS, from our platform certificate.
    await expect.poll(() => peer.findReceived(`Re: ${subject}`), { timeout: 20_000 }).toBeTruthy();
    const reply = (await peer.findReceived(`Re: ${subject}`))!;
    expect(reply.to).toEqual([PEER_SENDER]);
    expect(reply.from).toBe(DOCTOR.address);
    expect(reply.text).toContain("Merci, bien reçu");
    expect(reply.inReplyTo).toBeTruthy();
    expect(reply.isClientCertificateTrusted).toBe(true);
    expect(reply.clientCertificateDn).toContain("CN=mx.gcs-demo.mssante.fr");

    // And a copy is in the doctor's Sent folder.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("link", { name: new RegExp(`Re: ${subject}`) })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 20_000 });
  } finally {
    await peer.close();
  }
});

test("the webmail refuses, with a clear message, a recipient outside the trust space", async ({ page }) => {
  await signInWithPsc(page, DOCTOR.nationalId);
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("patient.lambda@gmail.com");
  await page.getByLabel("Objet").fill("Résultats");
  await page.getByLabel("Message").fill("Texte confidentiel");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "n'appartient pas à l'espace de confiance MSSanté" })).toBeVisible();
  // Nothing typed is lost.
  await expect(page.getByLabel("Message")).toHaveValue("Texte confidentiel");
});
