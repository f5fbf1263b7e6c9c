import { createDb } from "@mss/db/client";
import { decodeBase32, totpCode, totpStepAt } from "@mss/domain/account/totp";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

/** Through the Pro Santé Connect stand-in: the real OIDC code flow with PKCE. */
export async function signInWithPsc(page: Page, nationalId: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await page.getByLabel("Identifiant national (8 + RPPS ou 0 + ADELI)").fill(nationalId);
  await page.getByRole("button", { name: "Se connecter avec e-CPS" }).click();
  await expect(page).toHaveURL(/\/mail\//);
}

/** The current code of a TOTP key, as the user's authenticator app shows it. */
export function currentTotp(secret: string): string {
  return totpCode(decodeBase32(secret), Date.now() / 1000);
}

/**
 * A code is accepted once: when the account already used this 30-second step (an earlier
 * journey signed in as it), wait for the next one, as a user would.
 */
async function unusedTotp(email: string, secret: string): Promise<string> {
  const db = createDb(E2E.DATABASE_URL, { maxConnections: 1 });
  try {
    const account = await db.account.findUnique({ where: { email }, select: { totpLastStep: true } });
    while (totpStepAt() <= (account?.totpLastStep ?? -1)) await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    await db.$disconnect();
  }
  return currentTotp(secret);
}

export async function signInLocally(
  page: Page,
  { email, password, totpSecret }: { email: string; password: string; totpSecret?: string },
  callbackUrl = "/admin",
) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  if (totpSecret) await page.getByLabel("Code de vérification").fill(await unusedTotp(email, totpSecret));
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
}
