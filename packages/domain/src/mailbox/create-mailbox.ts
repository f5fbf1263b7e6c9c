import type { Db } from "@mss/db/client";
import { Prisma } from "@mss/db/types";
import { z } from "zod";
import { type Actor, assertTenantAdmin } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";


const ZLocalPart = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/, "Partie locale invalide (lettres, chiffres, point, tiret)")
  .refine((s) => !s.includes(".."), "Partie locale invalide (deux points consécutifs)");

export const ZCreateMailboxInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("PER"),
    localPart: ZLocalPart,
    domainId: z.uuid(),
    /** `8`+RPPS (12 digits) or `0`+ADELI (10 characters). */
    nationalId: z.string().trim().regex(/^(8\d{11}|0[0-9A-Za-z]{9})$/, "Identifiant national attendu : 8 + RPPS (11 chiffres) ou 0 + ADELI"),
    firstName: z.string().trim().min(1, "Prénom requis").max(100),
    lastName: z.string().trim().min(1, "Nom requis").max(100),
    professionName: z.string().trim().max(100).optional(),
    isUnlisted: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("ORG"),
    localPart: ZLocalPart,
    domainId: z.uuid(),
    displayName: z.string().trim().min(1, "Libellé requis").max(200),
    isUnlisted: z.boolean().default(false),
  }),
]);
export type TCreateMailboxInput = z.input<typeof ZCreateMailboxInput>;

/** A tenant admin creates a mailbox on one of the tenant's domains; audited. */
export async function createMailbox({
  db,
  actor,
  tenantId,
  input,
}: {
  db: Db;
  actor: Actor;
  tenantId: string;
  input: TCreateMailboxInput;
}): Promise<{ id: string; address: string }> {
  assertTenantAdmin(actor, tenantId);
  const parsed = ZCreateMailboxInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  const data = parsed.data;
  const domain = await db.domain.findFirst({ where: { id: data.domainId, tenantId } });
  if (!domain) throw new AppError("NOT_FOUND", "Ce domaine n'appartient pas à l'établissement.");
  const address = `${data.localPart}@${domain.name}`;

  try {
    return await db.$transaction(async (tx) => {
      let professionalId: string | null = null;
      let displayName: string;
      if (data.type === "PER") {
        const professional = await tx.professional.upsert({
          where: { nationalId: data.nationalId },
          update: {},
          create: {
            nationalId: data.nationalId,
            idType: data.nationalId.startsWith("8") ? "RPPS" : "ADELI",
            firstName: data.firstName,
            lastName: data.lastName,
            professionName: data.professionName ?? null,
          },
        });
        professionalId = professional.id;
        displayName = `${professional.firstName} ${professional.lastName}`;
      } else {
        displayName = data.displayName;
      }
      const mailbox = await tx.mailbox.create({
        data: { tenantId, domainId: domain.id, address, type: data.type, displayName, professionalId, isUnlisted: data.isUnlisted },
      });
      await recordAuditEvent({
        db: tx,
        tenantId,
        actorAccountId: actor.accountId,
        action: "mailbox.create",
        objectType: "mailbox",
        objectId: mailbox.id,
        after: { address, type: data.type, displayName, professionalId, isUnlisted: data.isUnlisted },
      });
      return { id: mailbox.id, address };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `L'adresse ${address} existe déjà.`);
    }
    throw error;
  }
}

