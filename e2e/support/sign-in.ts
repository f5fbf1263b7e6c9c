import { decodeBase32, totpCode } from "@mss/domain/account/totp";
import { expect, type Page } from "@playwright/test";

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

export async function signInLocally(
  page: Page,
  { email, password, totpSecret }: { email: string; password: string; totpSecret?: string },
  callbackUrl = "/admin",
) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  if (totpSecret) await page.getByLabel("Code de vérification").fill(currentTotp(totpSecret));
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
}
