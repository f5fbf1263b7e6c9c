import type { Db } from "@mss/db/client";
import { z } from "zod";
import { AppError } from "../errors/app-error";

/** The userinfo claims we rely on; PSC sends many more. */
export const ZPscClaims = z.object({
  sub: z.string().min(1),
  SubjectNameID: z.string().regex(/^(8\d{11}|0[0-9A-Za-z]{9})$/, "identifiant national invalide").optional(),
  preferred_username: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
});
export type TPscClaims = z.infer<typeof ZPscClaims>;

/**
 * Signs in a professional from Pro Santé Connect claims: the national id (SubjectNameID,
 * else preferred_username) identifies the account and links it to their PER mailboxes.
 */
export async function signInWithPsc({ db, claims }: { db: Db; claims: unknown }): Promise<{ accountId: string }> {
  const parsed = ZPscClaims.safeParse(claims);
  const nationalId = parsed.success ? (parsed.data.SubjectNameID ?? parsed.data.preferred_username) : undefined;
  if (!parsed.success || !nationalId || !/^(8\d{11}|0[0-9A-Za-z]{9})$/.test(nationalId)) {
    throw new AppError("UNAUTHENTICATED", "Pro Santé Connect n'a pas transmis d'identifiant national valide.");
  }
  const displayName = `${parsed.data.given_name ?? ""} ${parsed.data.family_name ?? ""}`.trim() || nationalId;
  const account = await db.account.upsert({
    where: { nationalId },
    update: { lastLoginAt: new Date() },
    create: { kind: "psc", nationalId, displayName, lastLoginAt: new Date() },
    select: { id: true },
  });
  return { accountId: account.id };
}
