import type { Db } from "@mss/db/client";
import { z } from "zod";
import type { AttemptCounter } from "./attempt-counter";
import { verifyPassword } from "./password";
import { matchTotpStep } from "./totp";

export const ZLocalCredentials = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
  code: z.string().trim().max(12).default(""),
});

/** Failed sign-ins allowed per account within the window before it is throttled. */
export const SIGN_IN_THROTTLE = { maxFailures: 10, windowSeconds: 15 * 60 } as const;

export type LocalSignInResult =
  | { status: "signed-in"; accountId: string }
  /** credentials: e-mail or password wrong (never says which); code: second factor missing or wrong. */
  | { status: "refused"; reason: "credentials" | "code" | "throttled" };

/**
 * Local staff accounts (no e-CPS): password, then the TOTP code once the account has enrolled
 * a second factor (a new account signs in with its password and must enrol at once). Failures
 * are counted per account and throttled, so passwords cannot be guessed online.
 */
export async function signInLocally({
  db,
  credentials,
  attempts,
}: {
  db: Db;
  credentials: unknown;
  attempts: AttemptCounter;
}): Promise<LocalSignInResult> {
  const parsed = ZLocalCredentials.safeParse(credentials);
  if (!parsed.success) return { status: "refused", reason: "credentials" };
  const { email, password, code } = parsed.data;
  const throttleKey = `sign-in:${email}`;
  // Every attempt counts before it is checked (atomic increment), and success clears the count:
  // parallel guesses cannot all slip under the limit while bcrypt runs.
  if ((await attempts.recordFailure(throttleKey, SIGN_IN_THROTTLE.windowSeconds)) > SIGN_IN_THROTTLE.maxFailures) {
    return { status: "refused", reason: "throttled" };
  }

  const account = await db.account.findUnique({ where: { email } });
  const isLocal = account?.kind === "local";
  const isPasswordValid = await verifyPassword(password, isLocal ? account.passwordHash : null);
  if (!account || !isLocal || !isPasswordValid) return { status: "refused", reason: "credentials" };
  if (account.totpConfirmedAt) {
    const step = account.totpSecret ? matchTotpStep(account.totpSecret, code) : null;
    if (step === null) return { status: "refused", reason: "code" };
    // A code is good once: the step is claimed atomically, so a replayed code is refused.
    const claimed = await db.account.updateMany({
      where: { id: account.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (claimed.count === 0) return { status: "refused", reason: "code" };
  }

  await attempts.clear(throttleKey);
  await db.account.update({ where: { id: account.id }, data: { lastLoginAt: new Date() } });
  return { status: "signed-in", accountId: account.id };
}
