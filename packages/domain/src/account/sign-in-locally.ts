import type { Db } from "@mss/db/client";
import { z } from "zod";
import { verifyPassword } from "./password";

export const ZLocalCredentials = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});

/** Local staff accounts (no e-CPS). Returns null on any mismatch, without saying which. */
export async function signInLocally({ db, credentials }: { db: Db; credentials: unknown }): Promise<{ accountId: string } | null> {
  const parsed = ZLocalCredentials.safeParse(credentials);
  if (!parsed.success) return null;
  const account = await db.account.findUnique({ where: { email: parsed.data.email } });
  const isValid = await verifyPassword(parsed.data.password, account?.kind === "local" ? account.passwordHash : null);
  if (!account || account.kind !== "local" || !isValid) return null;
  await db.account.update({ where: { id: account.id }, data: { lastLoginAt: new Date() } });
  return { accountId: account.id };
}
