import type { MailboxStatus, MailboxType } from "@mss/db/types";
import { z } from "zod";

// FHIR shapes of the national directory's write API (draft IG "API MSSanté", ANS, 2026):
// a mailbox (BAL) is a `telecom` ContactPoint of the Practitioner (PER, CAB) or Organization
// (ORG, APP) that carries it, written with FHIR Patch (`Parameters` of FHIRPath operations).
// Sources: ansforge/interop-ig-fhir-api-messagerie-securisee-sante,
// input/pagecontent/spec-technique-flux-alimentation.md (insert / replace / delete examples and
// conditional PATCH identifiers); ansforge/IG-fhir-annuaire,
// input/fsh/extensions/ASMailboxMetadataExtension.fsh (sub-extensions type, description,
// responsible, service, phone, listeRouge; `type` is a CodeableConcept from TRE_R257).

/** Identifier systems of the conditional PATCH (`?identifier=<system>|<value>`). */
export const IDNATPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";
export const FINESS_SYSTEM = "https://finess.esante.gouv.fr";
export const MAILBOX_METADATA_EXTENSION_URL = "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
/** FR Core extension that marks an e-mail ContactPoint as an MSSanté address (TRE_R256 = MSSANTE). */
export const EMAIL_TYPE_EXTENSION_URL = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-contact-point-email-type";
export const EMAIL_TYPE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R256-TypeMessagerie/FHIR/TRE-R256-TypeMessagerie";
export const MAILBOX_TYPE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL";

export type PublicationOperationName = "insert" | "replace" | "delete";

/** What the builder needs of a mailbox; `nationalId` is its professional's (`8`+RPPS, `0`+ADELI). */
export interface PublishableMailbox {
  address: string;
  type: MailboxType;
  status: MailboxStatus;
  displayName: string;
  isUnlisted: boolean;
  nationalId: string | null;
  structureId: string | null;
  service?: string | null;
}

const ZTarget = z.object({
  resourceType: z.enum(["Practitioner", "Organization"]),
  identifierSystem: z.enum([IDNATPS_SYSTEM, FINESS_SYSTEM]),
  identifierValue: z.string().regex(/^[0-9A-Za-z]{1,20}$/),
});

const ZOperationPart = z.union([
  z.object({ name: z.literal("type"), valueCode: z.enum(["insert", "replace", "delete"]) }),
  z.object({ name: z.literal("path"), valueString: z.string().min(1) }),
  z.object({ name: z.literal("index"), valueInteger: z.number().int().nonnegative() }),
  z.object({ name: z.literal("value"), valueContactPoint: z.record(z.string(), z.unknown()) }),
]);

/** A stored publication request; parsed again when the job runs (the row is a boundary). */
export const ZMailboxPatch = z.object({
  target: ZTarget,
  body: z.object({
    resourceType: z.literal("Parameters"),
    parameter: z.array(z.object({ name: z.literal("operation"), part: z.array(ZOperationPart).min(2) })).min(1),
  }),
});
export type TMailboxPatch = z.infer<typeof ZMailboxPatch>;
export type TPatchTarget = TMailboxPatch["target"];

export type BuildMailboxPatchResult =
  | { kind: "patch"; patch: TMailboxPatch }
  /** Liste rouge: the mailbox must never appear in the directory, so there is nothing to send. */
  | { kind: "unlisted" }
  /** The carrying resource cannot be identified (no national id, no FINESS). */
  | { kind: "no-target"; reason: string };

/** The resource that carries the mailbox in the directory, or why there is none. */
export function patchTargetOf(mailbox: PublishableMailbox): TPatchTarget | { reason: string } {
  switch (mailbox.type) {
    case "PER":
    case "CAB":
      if (!mailbox.nationalId) return { reason: "Identifiant national du professionnel manquant : publication impossible." };
      return { resourceType: "Practitioner", identifierSystem: IDNATPS_SYSTEM, identifierValue: mailbox.nationalId };
    case "ORG":
    case "APP":
      if (!mailbox.structureId) return { reason: "Identifiant de la structure (FINESS) manquant : publication impossible." };
      return { resourceType: "Organization", identifierSystem: FINESS_SYSTEM, identifierValue: mailbox.structureId };
    default: {
      const exhaustive: never = mailbox.type;
      throw new Error(`unknown mailbox type ${String(exhaustive)}`);
    }
  }
}

/** `Practitioner?identifier=…` relative to the API base. */
export function patchRequestPath(target: TPatchTarget): string {
  return `${target.resourceType}?identifier=${encodeURIComponent(`${target.identifierSystem}|${target.identifierValue}`)}`;
}

/** FHIRPath string literal: addresses are validated, but a quote must never end the literal. */
function fhirPathString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function contactPointOf(mailbox: PublishableMailbox): Record<string, unknown> {
  const metadata: Array<Record<string, unknown>> = [
    { url: "type", valueCodeableConcept: { coding: [{ system: MAILBOX_TYPE_SYSTEM, code: mailbox.type }] } },
  ];
  // A PER mailbox is described by its professional; ORG/APP/CAB ones by their label.
  if (mailbox.type !== "PER") metadata.push({ url: "description", valueString: mailbox.displayName });
  if (mailbox.service) metadata.push({ url: "service", valueString: mailbox.service });
  // Always false: a mailbox in liste rouge is never sent (see buildMailboxPatch).
  metadata.push({ url: "listeRouge", valueBoolean: false });
  return {
    system: "email",
    value: mailbox.address,
    extension: [
      { url: EMAIL_TYPE_EXTENSION_URL, valueCoding: { system: EMAIL_TYPE_SYSTEM, code: "MSSANTE" } },
      { url: MAILBOX_METADATA_EXTENSION_URL, extension: metadata },
    ],
  };
}

/**
 * The FHIR Patch that inserts, replaces or deletes the mailbox's `telecom` entry on the
 * resource that carries it. Insert and replace of a mailbox in liste rouge produce nothing;
 * delete is always allowed (it is how a mailbox leaves the directory).
 */
export function buildMailboxPatch({ mailbox, operation }: { mailbox: PublishableMailbox; operation: PublicationOperationName }): BuildMailboxPatchResult {
  if (operation !== "delete" && mailbox.isUnlisted) return { kind: "unlisted" };
  const target = patchTargetOf(mailbox);
  if ("reason" in target) return { kind: "no-target", reason: target.reason };
  const telecom = `${target.resourceType}.telecom`;
  const entry = `${telecom}.where(value = ${fhirPathString(mailbox.address)})`;
  let part: TMailboxPatch["body"]["parameter"][number]["part"];
  switch (operation) {
    case "insert":
      part = [
        { name: "type", valueCode: "insert" },
        { name: "path", valueString: telecom },
        { name: "index", valueInteger: 0 },
        { name: "value", valueContactPoint: contactPointOf(mailbox) },
      ];
      break;
    case "replace":
      // The whole ContactPoint: several attributes may have changed (IG: "remplacer le ContactPoint entier").
      part = [
        { name: "type", valueCode: "replace" },
        { name: "path", valueString: entry },
        { name: "value", valueContactPoint: contactPointOf(mailbox) },
      ];
      break;
    case "delete":
      part = [
        { name: "type", valueCode: "delete" },
        { name: "path", valueString: entry },
      ];
      break;
    default: {
      const exhaustive: never = operation;
      throw new Error(`unknown operation ${String(exhaustive)}`);
    }
  }
  return { kind: "patch", patch: { target, body: { resourceType: "Parameters", parameter: [{ name: "operation", part }] } } };
}
