import { randomBytes } from "node:crypto";
import { createDb } from "@mss/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor/actor";
import { createFactories, type TestMailbox } from "../testing/factories";
import { getTestEnv } from "../testing/test-env";
import { refreshDirectorySearchTerms } from "./refresh-directory-search-terms";
import { suggestRecipients } from "./suggest-recipients";

const db = createDb(getTestEnv().DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);
const tag = Array.from(randomBytes(8), (b) => String.fromCharCode(97 + (b % 26))).join("");
const directoryAddresses: string[] = [];

let doctor: { mailbox: TestMailbox; actor: Actor };
let stranger: { mailbox: TestMailbox; actor: Actor };
let trustedDomain: string;
let untrustedDomain: string;

async function sent(from: TestMailbox, to: string) {
  await db.spooledMessage.create({
    data: {
      direction: "outbound",
      tenantId: from.tenantId,
      mailFrom: from.address,
      fromMailboxId: from.id,
      sizeBytes: 10,
      raw: Buffer.from("Subject: x\r\n\r\nx"),
      recipients: { create: [{ address: to, isLocal: false }] },
    },
  });
}

beforeAll(async () => {
  const tenant = await f.tenant();
  const otherTenant = await f.tenant();
  doctor = await f.professionalWithMailbox({ tenant });
  stranger = await f.professionalWithMailbox({ tenant: otherTenant });
  trustedDomain = f.foreignDomain("confiance");
  untrustedDomain = f.foreignDomain("hors");
  await f.trust({ domain: trustedDomain, certificate: "peer" });

  const address = `cardio.${tag}@${trustedDomain}`;
  directoryAddresses.push(address);
  await db.directoryEntry.create({
    data: { address, mailboxType: "ORG", service: `Cardiologie ${tag}`, organizationName: "CH DE TEST", rowHash: tag },
  });
  await refreshDirectorySearchTerms({ db });
  await sent(doctor.mailbox, `${tag}.ami@${untrustedDomain}`);
  await sent(doctor.mailbox, `${tag}.collegue@${trustedDomain}`);
  // Another tenant's user writes to someone the doctor must never see suggested.
  await sent(stranger.mailbox, `${tag}.secret@${trustedDomain}`);
});

afterAll(async () => {
  await db.directoryEntry.deleteMany({ where: { address: { in: directoryAddresses } } });
  await f.cleanup();
  await db.$disconnect();
});

describe("suggestRecipients", () => {
  it("suggests the actor's recent correspondents first, then the directory, marking addresses outside the trust space", async () => {
    const suggestions = await suggestRecipients({ db, actor: doctor.actor, input: { text: tag } });

    const recent = suggestions.filter((s) => s.isRecent);
    expect(recent.map((s) => s.address).sort()).toEqual([`${tag}.ami@${untrustedDomain}`, `${tag}.collegue@${trustedDomain}`].sort());
    expect(suggestions.slice(0, 2)).toEqual(recent);
    // The directory entry whose service holds the word comes after them.
    expect(suggestions.slice(2).map((s) => s.address)).toContain(`cardio.${tag}@${trustedDomain}`);
    expect(suggestions.find((s) => s.address.includes(".ami@"))).toMatchObject({ isRecent: true, isOutsideTrustSpace: true });
    expect(suggestions.find((s) => s.address.includes(".collegue@"))).toMatchObject({ isRecent: true, isOutsideTrustSpace: false });
  });

  it("includes directory matches with their mailbox type and organisation", async () => {
    const suggestions = await suggestRecipients({ db, actor: doctor.actor, input: { text: `cardiologie ${tag}` } });
    expect(suggestions[0]).toEqual(
      {
        address: `cardio.${tag}@${trustedDomain}`,
        displayName: `Cardiologie ${tag}`,
        mailboxType: "ORG",
        organization: "CH DE TEST",
        isRecent: false,
        isLocal: false,
        isOutsideTrustSpace: false,
      },
    );
  });

  it("never shows another user's or another tenant's correspondents", async () => {
    const suggestions = await suggestRecipients({ db, actor: doctor.actor, input: { text: `${tag} secret` } });
    expect(suggestions.map((s) => s.address)).not.toContain(`${tag}.secret@${trustedDomain}`);
    const theirs = await suggestRecipients({ db, actor: stranger.actor, input: { text: tag } });
    expect(theirs.filter((s) => s.isRecent).map((s) => s.address)).toEqual([`${tag}.secret@${trustedDomain}`]);
    expect(theirs.map((s) => s.address)).not.toContain(`${tag}.ami@${untrustedDomain}`);
  });

  it("marks our own mailboxes as local and inside the trust space", async () => {
    const suggestions = await suggestRecipients({ db, actor: stranger.actor, input: { text: doctor.mailbox.address.split("@")[0] ?? "" } });
    expect(suggestions.find((s) => s.address === doctor.mailbox.address)).toMatchObject({ isLocal: true, isOutsideTrustSpace: false, mailboxType: "PER" });
  });

  it("refuses an empty text", async () => {
    await expect(suggestRecipients({ db, actor: doctor.actor, input: { text: " " } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
