import { createDb } from "@mss/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../actor/actor";
import { AppError } from "../errors/app-error";
import { createFactories, type TestTenant } from "../testing/factories";
import { getTestEnv, uniqueSuffix } from "../testing/test-env";
import { createMailbox } from "./create-mailbox";
import { findAccessibleMailboxes } from "./find-accessible-mailboxes";

const db = createDb(getTestEnv().DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);

let tenant: TestTenant;
let admin: Actor;

beforeAll(async () => {
  tenant = await f.tenant();
  admin = await f.tenantAdmin(tenant);
});

afterAll(async () => {
  await f.cleanup();
  await db.$disconnect();
});

const orgInput = (localPart = `service-${uniqueSuffix()}`) => ({
  type: "ORG" as const,
  localPart,
  domainId: tenant.domain.id,
  displayName: "Secrétariat de pneumologie",
});

describe("createMailbox", () => {
  it("creates the mailbox on the tenant's domain and writes an audit event", async () => {
    const localPart = `Pneumo.Secretariat-${uniqueSuffix()}`;

    const created = await createMailbox({ db, actor: admin, tenantId: tenant.id, input: orgInput(localPart) });

    expect(created.address).toBe(`${localPart.toLowerCase()}@${tenant.domain.name}`);
    const row = await db.mailbox.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ tenantId: tenant.id, domainId: tenant.domain.id, address: created.address, type: "ORG", status: "active" });
    const audit = await db.auditEvent.findMany({ where: { objectType: "mailbox", objectId: created.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "mailbox.create",
        tenantId: tenant.id,
        actorAccountId: admin.accountId,
        after: expect.objectContaining({ address: created.address, type: "ORG" }),
      }),
    ]);
  });

  it("creates a PER mailbox that its professional then finds among their mailboxes", async () => {
    const nationalId = f.nationalId();

    const created = await createMailbox({
      db,
      actor: admin,
      tenantId: tenant.id,
      input: { type: "PER", localPart: `claire.dubois-${uniqueSuffix()}`, domainId: tenant.domain.id, nationalId, firstName: "Claire", lastName: "Dubois" },
    });

    const account = await db.account.create({ data: { kind: "psc", nationalId, displayName: "Dr Claire Dubois" } });
    const owner = await f.actor(account.id);
    const mailboxes = await findAccessibleMailboxes({ db, actor: owner });
    expect(mailboxes).toEqual([expect.objectContaining({ id: created.id, isOwner: true, type: "PER" })]);
  });

  it("refuses an actor who does not administer the tenant (FORBIDDEN) and creates nothing", async () => {
    const staff = await f.staffAccount();
    const localPart = `refus-${uniqueSuffix()}`;

    const attempt = createMailbox({ db, actor: staff, tenantId: tenant.id, input: orgInput(localPart) });

    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db.mailbox.count({ where: { address: `${localPart}@${tenant.domain.name}` } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorAccountId: staff.accountId } })).toBe(0);
  });

  it("refuses an address that already exists (CONFLICT) without a second audit event", async () => {
    const localPart = `doublon-${uniqueSuffix()}`;
    const first = await createMailbox({ db, actor: admin, tenantId: tenant.id, input: orgInput(localPart) });

    await expect(createMailbox({ db, actor: admin, tenantId: tenant.id, input: orgInput(localPart) })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.auditEvent.count({ where: { action: "mailbox.create", after: { path: ["address"], equals: first.address } } })).toBe(1);
  });

  it.each([
    ["an address injection", "jeanne@evil.example"],
    ["a path", "../../etc/passwd"],
    ["consecutive dots", "jeanne..martin"],
    ["a space", "jeanne martin"],
    ["a leading dot", ".jeanne"],
    ["an empty local part", ""],
    ["a control character", "jeanne\u0000martin"],
    ["a 65-character local part", "a".repeat(65)],
  ])("refuses %s in the local part (INVALID_INPUT)", async (_case, localPart) => {
    await expect(createMailbox({ db, actor: admin, tenantId: tenant.id, input: orgInput(localPart) })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("keeps address and type immutable at the database level, but lets status change", async () => {
    const created = await createMailbox({ db, actor: admin, tenantId: tenant.id, input: orgInput() });

    await expect(db.mailbox.update({ where: { id: created.id }, data: { address: `autre-${uniqueSuffix()}@${tenant.domain.name}` } })).rejects.toThrow(
      /immutable/,
    );
    await expect(db.mailbox.update({ where: { id: created.id }, data: { type: "APP" } })).rejects.toThrow(/immutable/);
    const suspended = await db.mailbox.update({ where: { id: created.id }, data: { status: "suspended" } });
    expect(suspended).toMatchObject({ address: created.address, type: "ORG", status: "suspended" });
  });
});
