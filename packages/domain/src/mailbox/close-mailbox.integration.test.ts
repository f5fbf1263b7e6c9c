import { createDb } from "@mss/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor/actor";
import { retryMailboxPublication } from "../publication/retry-mailbox-publication";
import { createFactories, type TestTenant } from "../testing/factories";
import { getTestEnv, uniqueSuffix } from "../testing/test-env";
import { closeMailbox } from "./close-mailbox";
import { createMailbox } from "./create-mailbox";

const db = createDb(getTestEnv().DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);
const enqueued: string[] = [];
const enqueue = async (id: string) => {
  enqueued.push(id);
};

let tenantA: TestTenant;
let tenantB: TestTenant;
let adminA: Actor;
let adminB: Actor;

beforeAll(async () => {
  [tenantA, tenantB] = await Promise.all([f.tenant(), f.tenant()]);
  [adminA, adminB] = await Promise.all([f.tenantAdmin(tenantA), f.tenantAdmin(tenantB)]);
});

afterAll(async () => {
  await f.cleanup();
  await db.$disconnect();
});

function createPerIn(tenant: TestTenant, admin: Actor) {
  return createMailbox({
    db,
    actor: admin,
    tenantId: tenant.id,
    input: { type: "PER", localPart: `dr-${uniqueSuffix()}`, domainId: tenant.domain.id, nationalId: f.nationalId(), firstName: "Anne", lastName: "Petit" },
    enqueuePublication: enqueue,
  });
}

describe("closeMailbox", () => {
  it("closes the mailbox, stops Dovecot serving it, audits, and records a delete for the directory", async () => {
    const created = await createPerIn(tenantA, adminA);
    expect(enqueued).toContain(created.publicationIds[0]);
    const served = () => db.$queryRaw<Array<{ user: string }>>`SELECT "user" FROM dovecot_userdb WHERE "user" = ${created.address}`;
    expect(await served()).toHaveLength(1);

    const closed = await closeMailbox({ db, actor: adminA, tenantId: tenantA.id, mailboxId: created.id, enqueuePublication: enqueue });

    expect(await db.mailbox.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "closed" });
    expect(await served()).toHaveLength(0);
    const audit = await db.auditEvent.findFirst({ where: { action: "mailbox.close", objectId: created.id } });
    expect(audit).toMatchObject({ tenantId: tenantA.id, actorAccountId: adminA.accountId, before: { status: "active" }, after: { status: "closed" } });
    const [publication] = closed.publicationIds;
    expect(enqueued).toContain(publication);
    expect(await db.mailboxPublication.findUniqueOrThrow({ where: { id: publication } })).toMatchObject({ operation: "delete", status: "pending", tenantId: tenantA.id });
  });

  it("refuses to close a closed mailbox (CONFLICT) without a second audit event", async () => {
    const created = await createPerIn(tenantA, adminA);
    await closeMailbox({ db, actor: adminA, tenantId: tenantA.id, mailboxId: created.id });

    await expect(closeMailbox({ db, actor: adminA, tenantId: tenantA.id, mailboxId: created.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditEvent.count({ where: { action: "mailbox.close", objectId: created.id } })).toBe(1);
  });

  it("keeps tenants apart: an admin of A can neither close nor retry B's mailbox", async () => {
    const mailboxOfB = await createPerIn(tenantB, adminB);
    const publicationOfB = mailboxOfB.publicationIds[0] ?? "";
    await db.mailboxPublication.update({ where: { id: publicationOfB }, data: { status: "failed", lastError: "HTTP 404" } });

    // B's ids under A's tenant: not found; under B's tenant: not A's to administer.
    await expect(closeMailbox({ db, actor: adminA, tenantId: tenantA.id, mailboxId: mailboxOfB.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(closeMailbox({ db, actor: adminA, tenantId: tenantB.id, mailboxId: mailboxOfB.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retryMailboxPublication({ db, actor: adminA, tenantId: tenantA.id, publicationId: publicationOfB, enqueue })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(retryMailboxPublication({ db, actor: adminA, tenantId: tenantB.id, publicationId: publicationOfB, enqueue })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    expect(await db.mailbox.findUniqueOrThrow({ where: { id: mailboxOfB.id } })).toMatchObject({ status: "active" });
    expect(await db.mailboxPublication.findUniqueOrThrow({ where: { id: publicationOfB } })).toMatchObject({ status: "failed" });
    expect(await db.auditEvent.count({ where: { actorAccountId: adminA.accountId, objectId: mailboxOfB.id } })).toBe(0);
  });

  it("retries only the latest publication of a mailbox", async () => {
    const created = await createPerIn(tenantA, adminA);
    const [insert] = created.publicationIds;
    await db.mailboxPublication.update({ where: { id: insert ?? "" }, data: { status: "failed", lastError: "HTTP 404" } });
    // The insert failed, so the directory never had it: closing sends nothing new.
    await closeMailbox({ db, actor: adminA, tenantId: tenantA.id, mailboxId: created.id });
    expect(await db.mailboxPublication.count({ where: { mailboxId: created.id } })).toBe(1);

    const reopened = await createPerIn(tenantA, adminA);
    const [second] = reopened.publicationIds;
    await db.mailboxPublication.update({ where: { id: second ?? "" }, data: { status: "failed", lastError: "HTTP 503" } });
    await db.mailboxPublication.create({ data: { tenantId: tenantA.id, mailboxId: reopened.id, operation: "replace", status: "pending", payload: {} } });

    await expect(retryMailboxPublication({ db, actor: adminA, tenantId: tenantA.id, publicationId: second ?? "", enqueue })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
