import type { Db } from "@mss/db/client";
import { Prisma } from "@mss/db/types";
import { z } from "zod";
import { type Actor, assertTenantAdmin } from "../actor/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors/app-error";
import { recordMailboxPublications } from "../publication/record-mailbox-publications";


const ZLocalPart = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/, "Partie locale invalide (lettres, chiffres, point, tiret)")
  .refine((s) => !s.includes(".."), "Partie locale invalide (deux points consécutifs)");

/** FINESS: 9 characters, the department first (2A/2B in Corsica); empty means none. */
export const ZStructureId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{2}|2A|2B)\d{7}$/, "Identifiant de structure attendu : FINESS (9 caractères)")
  .or(z.literal("").transform(() => undefined));

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
    /** FINESS of the structure: the national directory attaches the mailbox to that Organization. */
    structureId: ZStructureId.optional(),
    isUnlisted: z.boolean().default(false),
  }),
]);
export type TCreateMailboxInput = z.input<typeof ZCreateMailboxInput>;

/**
 * A tenant admin creates a mailbox on one of the tenant's domains; audited. Its publication to
 * the national directory is recorded in the same transaction and handed to `enqueuePublication`
 * after the commit (a lost enqueue is repaired by the worker's reconciler).
 */
export async function createMailbox({
  db,
  actor,
  tenantId,
  input,
  enqueuePublication,
}: {
  db: Db;
  actor: Actor;
  tenantId: string;
  input: TCreateMailboxInput;
  enqueuePublication?: (publicationId: string) => Promise<void>;
}): Promise<{ id: string; address: string; publicationIds: string[] }> {
  assertTenantAdmin(actor, tenantId);
  const parsed = ZCreateMailboxInput.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues.map((i) => i.message).join(" · "));
  const data = parsed.data;
  const domain = await db.domain.findFirst({ where: { id: data.domainId, tenantId } });
  if (!domain) throw new AppError("NOT_FOUND", "Ce domaine n'appartient pas à l'établissement.");
  const address = `${data.localPart}@${domain.name}`;

  let created: { id: string; address: string; publicationIds: string[] };
  try {
    created = await db.$transaction(async (tx) => {
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
      const structureId = data.type === "ORG" ? (data.structureId ?? null) : null;
      const mailbox = await tx.mailbox.create({
        data: { tenantId, domainId: domain.id, address, type: data.type, displayName, professionalId, isUnlisted: data.isUnlisted, structureId },
      });
      await recordAuditEvent({
        db: tx,
        tenantId,
        actorAccountId: actor.accountId,
        action: "mailbox.create",
        objectType: "mailbox",
        objectId: mailbox.id,
        after: { address, type: data.type, displayName, professionalId, isUnlisted: data.isUnlisted, structureId },
      });
      const publicationIds = await recordMailboxPublications({ db: tx, tenantId, mailboxId: mailbox.id, before: null });
      return { id: mailbox.id, address, publicationIds };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `L'adresse ${address} existe déjà.`);
    }
    throw error;
  }
  // The mailbox exists whatever happens to Redis now: the reconciler re-enqueues pending rows.
  for (const id of created.publicationIds) await enqueuePublication?.(id).catch(() => undefined);
  return created;
}

