import type { Db } from "@mss/db/client";
import type { Actor } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { generateTotpSecret, totpUri, verifyTotp } from "./totp";

const ISSUER = "MSSanté";

/**
 * First step of enrolment: the secret to add to an authenticator app. It is kept (unconfirmed)
 * so reloading the page shows the same one; a confirmed factor is never shown again.
 */
export async function startTotpEnrollment({ db, actor }: { db: Db; actor: Actor }): Promise<{ secret: string; uri: string } | null> {
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId } });
  if (account.kind !== "local" || account.totpConfirmedAt) return null;
  const secret = account.totpSecret ?? generateTotpSecret();
  if (!account.totpSecret) await db.account.update({ where: { id: account.id }, data: { totpSecret: secret } });
  return { secret, uri: totpUri({ issuer: ISSUER, account: account.email ?? account.displayName, secret }) };
}

/** Second step: a code from the app proves it holds the secret; from now on it is required. */
export async function confirmTotpEnrollment({ db, actor, code }: { db: Db; actor: Actor; code: string }): Promise<void> {
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId } });
  if (account.kind !== "local" || account.totpConfirmedAt || !account.totpSecret) {
    throw new AppError("CONFLICT", "La double authentification est déjà activée pour ce compte.");
  }
  if (!verifyTotp(account.totpSecret, code)) {
    throw new AppError("INVALID_INPUT", "Code incorrect. Vérifiez l'heure de votre téléphone et saisissez le code affiché.");
  }
  await db.account.update({ where: { id: account.id }, data: { totpConfirmedAt: new Date() } });
  await recordAuditEvent({ db, tenantId: null, actorAccountId: account.id, action: "account.totp-enrolled", objectType: "account", objectId: account.id });
}
