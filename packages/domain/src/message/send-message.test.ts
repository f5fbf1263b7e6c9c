import { describe, expect, it } from "vitest";
import { LIMITS } from "../config/limits";
import { ZSendMessageInput } from "./send-message";

const mailboxId = "5f0c6f7e-8a43-4d55-9a0e-3d2b8f1c2a10";
const parse = (input: Record<string, unknown>) => ZSendMessageInput.safeParse({ mailboxId, to: "dr.martin@gcs.mssante.fr", text: "Bonjour", ...input });
const issuesOf = (input: Record<string, unknown>) => {
  const result = parse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("ZSendMessageInput", () => {
  it("accepts a minimal message and fills the defaults", () => {
    const result = parse({});
    expect(result.success && result.data).toEqual({ mailboxId, to: ["dr.martin@gcs.mssante.fr"], cc: [], subject: "", text: "Bonjour", references: [] });
  });

  it("splits recipient lists on commas, semicolons and blanks, trimming and lower-casing", () => {
    const result = parse({ to: " Dr.Martin@GCS.mssante.fr, b@gcs.mssante.fr;c@gcs.mssante.fr \t d@gcs.mssante.fr,", cc: "E@gcs.mssante.fr" });
    expect(result.success && result.data.to).toEqual(["dr.martin@gcs.mssante.fr", "b@gcs.mssante.fr", "c@gcs.mssante.fr", "d@gcs.mssante.fr"]);
    expect(result.success && result.data.cc).toEqual(["e@gcs.mssante.fr"]);
  });

  it("turns line breaks in a recipient list into separate addresses, each validated on its own", () => {
    expect(issuesOf({ to: "a@gcs.mssante.fr\r\nBcc: x@evil.example" })).toContain("Adresse de messagerie invalide");
    const result = parse({ to: "a@gcs.mssante.fr\r\nb@gcs.mssante.fr" });
    expect(result.success && result.data.to).toEqual(["a@gcs.mssante.fr", "b@gcs.mssante.fr"]);
  });

  it.each([
    ["empty", ""],
    ["only separators", " ,; \n"],
  ])("requires at least one recipient (%s)", (_case, to) => {
    expect(issuesOf({ to })).toContain("Indiquez au moins un destinataire");
  });

  it.each([
    ["no domain", "dr.martin"],
    ["no TLD", "dr.martin@localhost"],
    ["two @", "dr@martin@gcs.mssante.fr"],
    ["a display name", '"Martin, Jeanne" <jeanne@gcs.mssante.fr>'],
    ["angle brackets", "<jeanne@gcs.mssante.fr>"],
    ["a NUL byte", "jeanne@gcs.mssante.fr\u0000"],
    ["an SMTP parameter", "jeanne@gcs.mssante.fr>NOTIFY=NEVER"],
  ])("refuses an address with %s", (_case, to) => {
    expect(issuesOf({ to })).toContain("Adresse de messagerie invalide");
  });

  it("refuses more recipients than the limit, in To and in Cc", () => {
    const many = Array.from({ length: LIMITS.maxRecipientsPerMessage + 1 }, (_, i) => `p${i}@gcs.mssante.fr`).join(",");
    expect(issuesOf({ to: many })).toContain("Trop de destinataires");
    expect(issuesOf({ cc: many })).toContain("Trop de destinataires");
    expect(parse({ to: many.split(",").slice(1).join(",") }).success).toBe(true);
  });

  it("refuses a mailbox id that is not a UUID (no path or SQL in ids)", () => {
    for (const id of ["", "1", "../../etc/passwd", "' OR 1=1 --", `${mailboxId} `]) expect(parse({ mailboxId: id }).success).toBe(false);
  });

  it("trims the subject and bounds it to one header line's length", () => {
    const result = parse({ subject: "  Résultats  " });
    expect(result.success && result.data.subject).toBe("Résultats");
    expect(parse({ subject: "x".repeat(998) }).success).toBe(true);
    expect(parse({ subject: "x".repeat(999) }).success).toBe(false);
  });

  it("bounds the text to the largest message", () => {
    expect(parse({ text: "x".repeat(LIMITS.maxMessageBytes + 1) }).success).toBe(false);
  });

  it("bounds threading headers", () => {
    expect(parse({ inReplyTo: `<${"x".repeat(998)}>` }).success).toBe(false);
    expect(parse({ references: Array.from({ length: 101 }, (_, i) => `<r${i}@gcs.mssante.fr>`) }).success).toBe(false);
    expect(parse({ references: ["<a@gcs.mssante.fr>"], inReplyTo: "<a@gcs.mssante.fr>" }).success).toBe(true);
  });

  it.each([
    ["a missing text", { text: undefined }],
    ["a non-string recipient list", { to: ["a@gcs.mssante.fr"] }],
    ["a number as subject", { subject: 42 }],
  ])("refuses %s", (_case, input) => {
    expect(parse(input).success).toBe(false);
  });
});
