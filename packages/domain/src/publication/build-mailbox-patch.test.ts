import { describe, expect, it } from "vitest";
import {
  buildMailboxPatch,
  EMAIL_TYPE_EXTENSION_URL,
  FINESS_SYSTEM,
  IDNATPS_SYSTEM,
  MAILBOX_METADATA_EXTENSION_URL,
  type PublishableMailbox,
  patchRequestPath,
  type TMailboxPatch,
  ZMailboxPatch,
} from "./build-mailbox-patch";
import { decidePublicationOperation, isListedInDirectory } from "./decide-publication-operation";

const per: PublishableMailbox = {
  address: "jeanne.martin@gcs-demo.mssante.fr",
  type: "PER",
  status: "active",
  displayName: "Jeanne Martin",
  isUnlisted: false,
  nationalId: "810000000001",
  structureId: null,
};
const org: PublishableMailbox = {
  address: "secretariat.cardio@gcs-demo.mssante.fr",
  type: "ORG",
  status: "active",
  displayName: "Secrétariat de cardiologie",
  isUnlisted: false,
  nationalId: null,
  structureId: "750712184",
  service: "Cardiologie",
};

function patchOf(mailbox: PublishableMailbox, operation: "insert" | "replace" | "delete"): TMailboxPatch {
  const built = buildMailboxPatch({ mailbox, operation });
  if (built.kind !== "patch") throw new Error(`expected a patch, got ${built.kind}`);
  expect(ZMailboxPatch.parse(built.patch)).toEqual(built.patch);
  return built.patch;
}

function parts(patch: TMailboxPatch) {
  const [operation] = patch.body.parameter;
  return Object.fromEntries((operation?.part ?? []).map((p) => [p.name, p]));
}

function metadataOf(contactPoint: Record<string, unknown>) {
  const extensions = contactPoint.extension as Array<{ url: string; extension?: Array<Record<string, unknown>> }>;
  return Object.fromEntries((extensions.find((e) => e.url === MAILBOX_METADATA_EXTENSION_URL)?.extension ?? []).map((e) => [e.url, e]));
}

describe("buildMailboxPatch", () => {
  it("inserts a PER mailbox on the Practitioner found by its national id, with the MSSanté metadata", () => {
    const patch = patchOf(per, "insert");

    expect(patch.target).toEqual({ resourceType: "Practitioner", identifierSystem: IDNATPS_SYSTEM, identifierValue: "810000000001" });
    expect(patchRequestPath(patch.target)).toBe("Practitioner?identifier=urn%3Aoid%3A1.2.250.1.71.4.2.1%7C810000000001");
    const p = parts(patch);
    expect(p.type).toEqual({ name: "type", valueCode: "insert" });
    expect(p.path).toEqual({ name: "path", valueString: "Practitioner.telecom" });
    expect(p.index).toEqual({ name: "index", valueInteger: 0 });
    const contactPoint = (p.value as { valueContactPoint: Record<string, unknown> }).valueContactPoint;
    expect(contactPoint).toMatchObject({ system: "email", value: per.address });
    expect(contactPoint.extension).toContainEqual({ url: EMAIL_TYPE_EXTENSION_URL, valueCoding: expect.objectContaining({ code: "MSSANTE" }) });
    const metadata = metadataOf(contactPoint);
    expect(metadata.type).toEqual({ url: "type", valueCodeableConcept: { coding: [expect.objectContaining({ code: "PER" })] } });
    expect(metadata.listeRouge).toEqual({ url: "listeRouge", valueBoolean: false });
    // A PER mailbox is described by its professional, not by a free label.
    expect(metadata.description).toBeUndefined();
  });

  it("inserts an ORG mailbox on the Organization found by its FINESS, with description and service", () => {
    const patch = patchOf(org, "insert");

    expect(patch.target).toEqual({ resourceType: "Organization", identifierSystem: FINESS_SYSTEM, identifierValue: "750712184" });
    const p = parts(patch);
    expect(p.path).toEqual({ name: "path", valueString: "Organization.telecom" });
    const metadata = metadataOf((p.value as { valueContactPoint: Record<string, unknown> }).valueContactPoint);
    expect(metadata.type).toEqual({ url: "type", valueCodeableConcept: { coding: [expect.objectContaining({ code: "ORG" })] } });
    expect(metadata.description).toEqual({ url: "description", valueString: "Secrétariat de cardiologie" });
    expect(metadata.service).toEqual({ url: "service", valueString: "Cardiologie" });
  });

  it("replaces the whole ContactPoint selected by its address", () => {
    const p = parts(patchOf({ ...org, displayName: "Secrétariat de cardiologie pédiatrique" }, "replace"));

    expect(p.type).toEqual({ name: "type", valueCode: "replace" });
    expect(p.path).toEqual({ name: "path", valueString: `Organization.telecom.where(value = '${org.address}')` });
    expect(p.index).toBeUndefined();
    expect(metadataOf((p.value as { valueContactPoint: Record<string, unknown> }).valueContactPoint).description).toEqual({
      url: "description",
      valueString: "Secrétariat de cardiologie pédiatrique",
    });
  });

  it("deletes the entry selected by its address, without a value", () => {
    const p = parts(patchOf(per, "delete"));

    expect(p).toEqual({
      type: { name: "type", valueCode: "delete" },
      path: { name: "path", valueString: `Practitioner.telecom.where(value = '${per.address}')` },
    });
  });

  it("never produces an insert or replace for a mailbox in liste rouge, but lets it be deleted", () => {
    expect(buildMailboxPatch({ mailbox: { ...per, isUnlisted: true }, operation: "insert" })).toEqual({ kind: "unlisted" });
    expect(buildMailboxPatch({ mailbox: { ...org, isUnlisted: true }, operation: "replace" })).toEqual({ kind: "unlisted" });
    expect(buildMailboxPatch({ mailbox: { ...per, isUnlisted: true }, operation: "delete" }).kind).toBe("patch");
  });

  it("reports a missing target instead of guessing one", () => {
    expect(buildMailboxPatch({ mailbox: { ...org, structureId: null }, operation: "insert" })).toEqual({ kind: "no-target", reason: expect.stringContaining("FINESS") });
    expect(buildMailboxPatch({ mailbox: { ...per, nationalId: null }, operation: "insert" }).kind).toBe("no-target");
  });

  it("keeps a quote in an address from ending the FHIRPath literal", () => {
    const p = parts(patchOf({ ...per, address: "o'neil@x.mssante.fr" }, "delete"));
    expect(p.path).toEqual({ name: "path", valueString: "Practitioner.telecom.where(value = 'o\\'neil@x.mssante.fr')" });
  });
});

describe("decidePublicationOperation", () => {
  it("inserts a new listed mailbox and records a new unlisted one as skipped", () => {
    expect(decidePublicationOperation({ before: null, after: per, isListed: false })).toEqual([{ kind: "send", operation: "insert", mailbox: per }]);
    expect(decidePublicationOperation({ before: null, after: { ...per, isUnlisted: true }, isListed: false })).toEqual([{ kind: "skip-unlisted" }]);
  });

  it("replaces on a label change, deletes on closure or liste rouge, inserts when it comes back", () => {
    const renamed = { ...org, displayName: "Autre libellé" };
    expect(decidePublicationOperation({ before: org, after: renamed, isListed: true })).toEqual([{ kind: "send", operation: "replace", mailbox: renamed }]);
    expect(decidePublicationOperation({ before: org, after: { ...org, status: "closed" }, isListed: true })).toEqual([{ kind: "send", operation: "delete", mailbox: org }]);
    expect(decidePublicationOperation({ before: org, after: { ...org, isUnlisted: true }, isListed: true })).toMatchObject([{ kind: "send", operation: "delete" }]);
    expect(decidePublicationOperation({ before: { ...org, isUnlisted: true }, after: org, isListed: false })).toMatchObject([{ kind: "send", operation: "insert" }]);
  });

  it("sends nothing for a closure of a mailbox the directory never had, nor for no visible change", () => {
    expect(decidePublicationOperation({ before: { ...per, isUnlisted: true }, after: { ...per, isUnlisted: true, status: "closed" }, isListed: false })).toEqual([{ kind: "none" }]);
    expect(decidePublicationOperation({ before: per, after: { ...per }, isListed: true })).toEqual([{ kind: "none" }]);
  });

  it("moves the entry (delete then insert) when the structure changes", () => {
    const moved = { ...org, structureId: "130783236" };
    expect(decidePublicationOperation({ before: org, after: moved, isListed: true })).toEqual([
      { kind: "send", operation: "delete", mailbox: org },
      { kind: "send", operation: "insert", mailbox: moved },
    ]);
  });
});

describe("isListedInDirectory", () => {
  it("follows the latest publication that sent something", () => {
    expect(isListedInDirectory([])).toBe(false);
    expect(isListedInDirectory([{ operation: "insert", status: "pending" }])).toBe(true);
    expect(isListedInDirectory([{ operation: "insert", status: "failed" }])).toBe(false);
    expect(isListedInDirectory([{ operation: "insert", status: "skipped" }, { operation: "replace", status: "succeeded" }])).toBe(true);
    expect(isListedInDirectory([{ operation: "delete", status: "succeeded" }, { operation: "insert", status: "succeeded" }])).toBe(false);
  });
});
