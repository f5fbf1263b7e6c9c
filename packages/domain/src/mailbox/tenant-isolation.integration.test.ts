import { createDb } from "@mss/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor/actor";
import { sendMessage } from "../message/send-message";
import { createFactories, type TestMailbox, type TestTenant } from "../testing/factories";
import { getTestEnv, uniqueSuffix } from "../testing/test-env";
import { createMailbox } from "./create-mailbox";
import { findAccessibleMailboxes } from "./find-accessible-mailboxes";
import { findTenantMailboxes } from "./find-tenant-mailboxes";
import { getMailboxAccessOrThrow } from "./get-mailbox-access-or-throw";

const db = createDb(getTestEnv().DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);

let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: Actor;
/** Tenant A: a mailbox delegated to the secretary, one not delegated, one delegated but suspended. */
let delegated: TestMailbox;
let notDelegated: TestMailbox;
let suspended: TestMailbox;
/** Tenant B's mailbox, delegated to nobody of A. */
let mailboxB: TestMailbox;
let secretary: Actor;
let stranger: Actor;

beforeAll(async () => {
  [tenantA, tenantB] = await Promise.all([f.tenant(), f.tenant()]);
  adminA = await f.tenantAdmin(tenantA);
  [delegated, notDelegated, suspended, mailboxB] = await Promise.all([
    f.mailbox({ tenant: tenantA }),
    f.mailbox({ tenant: tenantA }),
    f.mailbox({ tenant: tenantA, status: "suspended" }),
    f.mailbox({ tenant: tenantB }),
  ]);
  [secretary, stranger] = await Promise.all([f.staffAccount("secretaire"), f.staffAccount("inconnu")]);
  await f.delegate({ mailbox: delegated, actor: secretary, rights: ["read"] });
  await f.delegate({ mailbox: suspended, actor: secretary, rights: ["read", "send"] });
});

afterAll(async () => {
  await f.cleanup();
  await db.$disconnect();
});

const auditBy = (actor: Actor) => db.auditEvent.findMany({ where: { actorAccountId: actor.accountId } });

describe("tenant isolation of administration", () => {
  it("refuses an admin of tenant A creating a mailbox in tenant B", async () => {
    const localPart = `intrus-${uniqueSuffix()}`;

    const attempt = createMailbox({ db, actor: adminA, tenantId: tenantB.id, input: { type: "ORG", localPart, domainId: tenantB.domain.id, displayName: "Intrus" } });

    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.mailbox.count({ where: { address: `${localPart}@${tenantB.domain.name}` } })).toBe(0);
  });

  it("refuses an admin of tenant A creating a mailbox in A on tenant B's domain", async () => {
    const localPart = `intrus-${uniqueSuffix()}`;

    const attempt = createMailbox({ db, actor: adminA, tenantId: tenantA.id, input: { type: "ORG", localPart, domainId: tenantB.domain.id, displayName: "Intrus" } });

    await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.mailbox.count({ where: { domainId: tenantB.domain.id, address: { startsWith: localPart } } })).toBe(0);
  });

  it("refuses an admin of tenant A listing tenant B's mailboxes", async () => {
    await expect(findTenantMailboxes({ db, actor: adminA, tenantId: tenantB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const own = await findTenantMailboxes({ db, actor: adminA, tenantId: tenantA.id });
    expect(own.mailboxes.map((m) => m.id)).not.toContain(mailboxB.id);
  });
});

describe("mailbox access by delegation", () => {
  it("lists only the active mailboxes delegated to a secretary", async () => {
    const mailboxes = await findAccessibleMailboxes({ db, actor: secretary });

    expect(mailboxes).toEqual([{ id: delegated.id, tenantId: tenantA.id, address: delegated.address, displayName: expect.any(String), type: "ORG", isOwner: false, rights: ["read"] }]);
  });

  it("lists nothing for an account without ownership or delegation, nor for a tenant admin", async () => {
    expect(await findAccessibleMailboxes({ db, actor: stranger })).toEqual([]);
    expect(await findAccessibleMailboxes({ db, actor: adminA })).toEqual([]);
  });

  it("lets a delegate open the mailbox and writes who opened it, and why, to the audit trail", async () => {
    const purpose = `list inbox ${uniqueSuffix()}`;

    const mailbox = await getMailboxAccessOrThrow({ db, actor: secretary, mailboxId: delegated.id, right: "read", purpose });

    expect(mailbox).toMatchObject({ id: delegated.id, isOwner: false });
    const events = (await auditBy(secretary)).filter((e) => (e.after as { purpose?: string } | null)?.purpose === purpose);
    expect(events).toEqual([
      expect.objectContaining({ action: "mailbox.delegate-access", tenantId: tenantA.id, objectType: "mailbox", objectId: delegated.id, after: { right: "read", purpose } }),
    ]);
  });

  it("refuses a right the delegation does not grant", async () => {
    await expect(getMailboxAccessOrThrow({ db, actor: secretary, mailboxId: delegated.id, right: "send", purpose: "send" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      sendMessage({ db, actor: secretary, input: { mailboxId: delegated.id, to: notDelegated.address, text: "x" }, enqueue: async () => {} }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.spooledMessage.count({ where: { fromMailboxId: delegated.id } })).toBe(0);
  });

  it("refuses a stranger, a mailbox of another tenant and a suspended mailbox, and audits none of them", async () => {
    const before = (await auditBy(secretary)).length;

    for (const [actor, mailboxId] of [
      [stranger, delegated.id],
      [secretary, notDelegated.id],
      [secretary, mailboxB.id],
      [secretary, suspended.id],
      [adminA, delegated.id],
    ] as const) {
      await expect(getMailboxAccessOrThrow({ db, actor, mailboxId, right: "read", purpose: "probe" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }

    expect(await auditBy(stranger)).toEqual([]);
    expect(await auditBy(adminA)).toEqual([]);
    expect(await auditBy(secretary)).toHaveLength(before);
  });

  it("lets the owner open their PER mailbox without an audit event", async () => {
    const { mailbox, actor } = await f.professionalWithMailbox({ tenant: tenantA });

    await expect(getMailboxAccessOrThrow({ db, actor, mailboxId: mailbox.id, right: "manage", purpose: "settings" })).resolves.toMatchObject({ isOwner: true });
    expect(await auditBy(actor)).toEqual([]);
  });
});
