import { createDb } from "@mss/db/client";
import { createLogger } from "@mss/domain/config/logger";
import { createPublicationQueue, enqueueMailboxPublication } from "@mss/domain/jobs/publication-queue";
import { closeMailbox } from "@mss/domain/mailbox/close-mailbox";
import { createMailbox } from "@mss/domain/mailbox/create-mailbox";
import { updateMailbox } from "@mss/domain/mailbox/update-mailbox";
import { MAILBOX_METADATA_EXTENSION_URL } from "@mss/domain/publication/build-mailbox-patch";
import { createFhirDirectoryClient } from "@mss/domain/publication/fhir-client";
import { retryMailboxPublication } from "@mss/domain/publication/retry-mailbox-publication";
import { createFactories, type TestTenant } from "@mss/domain/testing/factories";
import { getTestEnv, uniqueQueuePrefix, uniqueSuffix } from "@mss/domain/testing/test-env";
import { waitFor } from "@mss/domain/testing/wait-for";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FhirDirectoryStub, startFhirDirectoryStub } from "../../../infra/fhir-directory-stub/stub.mjs";
import { createPublishWorker } from "./publish-worker";
import { reconcilePublications } from "./reconcile";

const env = getTestEnv();
const db = createDb(env.DATABASE_URL, { maxConnections: 5 });
const logger = createLogger("it-publish", env.TEST_LOG_LEVEL);
const prefix = uniqueQueuePrefix("publish");
const queue = createPublicationQueue({ redisUrl: env.REDIS_URL, prefix });
const retry = { attempts: 3, backoffMs: 50 };
const enqueue = (id: string) => enqueueMailboxPublication(queue, id, retry);
const f = createFactories(db);

let stub: FhirDirectoryStub;
let worker: ReturnType<typeof createPublishWorker>;
let tenant: TestTenant;
let admin: Awaited<ReturnType<typeof f.tenantAdmin>>;

beforeAll(async () => {
  stub = await startFhirDirectoryStub();
  const client = createFhirDirectoryClient({ baseUrl: stub.url, apiKey: "cle-de-test", timeoutMs: 2_000 });
  worker = createPublishWorker({ publish: { db, client, logger }, queue: { redisUrl: env.REDIS_URL, prefix }, concurrency: 2 });
  tenant = await f.tenant();
  admin = await f.tenantAdmin(tenant);
});

afterAll(async () => {
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await stub.close();
  await f.cleanup();
  await db.$disconnect();
});

const finess = () => `75${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;

function createPer(nationalId: string, isUnlisted = false) {
  return createMailbox({
    db,
    actor: admin,
    tenantId: tenant.id,
    input: { type: "PER", localPart: `dr-${uniqueSuffix()}`, domainId: tenant.domain.id, nationalId, firstName: "Claire", lastName: "Dubois", isUnlisted },
    enqueuePublication: enqueue,
  });
}

function createOrg(structureId: string) {
  return createMailbox({
    db,
    actor: admin,
    tenantId: tenant.id,
    input: { type: "ORG", localPart: `service-${uniqueSuffix()}`, domainId: tenant.domain.id, displayName: "Secrétariat d'oncologie", structureId },
    enqueuePublication: enqueue,
  });
}

const publicationsOf = (mailboxId: string) => db.mailboxPublication.findMany({ where: { mailboxId }, orderBy: { createdAt: "asc" } });

function settled(mailboxId: string, operation: "insert" | "replace" | "delete" = "insert") {
  return waitFor(`${operation} publication of ${mailboxId} settled`, async () => {
    const row = await db.mailboxPublication.findFirst({ where: { mailboxId, operation }, orderBy: { createdAt: "desc" } });
    return row && row.status !== "pending" ? row : undefined;
  });
}

const requestsFor = (identifierValue: string) => stub.requests.filter((r) => r.identifier?.endsWith(`|${identifierValue}`));

describe("publication of mailboxes to the national directory", () => {
  it("publishes a new PER mailbox with a conditional FHIR PATCH on its Practitioner", async () => {
    const nationalId = f.nationalId();
    stub.seed("Practitioner", nationalId);

    const created = await createPer(nationalId);

    expect(created.publicationIds).toHaveLength(1);
    const row = await settled(created.id);
    expect(row).toMatchObject({ status: "succeeded", operation: "insert", lastHttpStatus: 200, attempts: 1, tenantId: tenant.id });
    const [request] = requestsFor(nationalId);
    expect(request).toMatchObject({ resourceType: "Practitioner", identifier: `urn:oid:1.2.250.1.71.4.2.1|${nationalId}`, apiKey: "cle-de-test" });
    expect(request?.contentType).toMatch(/^application\/fhir\+json/);
    expect(request?.body.resourceType).toBe("Parameters");
    const [practitioner] = stub.find("Practitioner", nationalId);
    expect(practitioner?.telecom).toEqual([
      expect.objectContaining({ system: "email", value: created.address, extension: expect.arrayContaining([expect.objectContaining({ url: MAILBOX_METADATA_EXTENSION_URL })]) }),
    ]);
  });

  it("never publishes a mailbox in liste rouge: skipped, and the directory receives nothing", async () => {
    const nationalId = f.nationalId();
    stub.seed("Practitioner", nationalId);

    const created = await createPer(nationalId, true);

    expect(created.publicationIds).toEqual([]);
    expect(await publicationsOf(created.id)).toEqual([expect.objectContaining({ status: "skipped", lastError: expect.stringMatching(/liste rouge/i) })]);
    await new Promise((r) => setTimeout(r, 300));
    expect(requestsFor(nationalId)).toEqual([]);
  });

  it("marks the publication failed with the reason on 404 (unknown practitioner), without retrying, and a retry after the fix succeeds", async () => {
    const nationalId = f.nationalId();

    const created = await createPer(nationalId);

    const row = await settled(created.id);
    expect(row).toMatchObject({ status: "failed", lastHttpStatus: 404, attempts: 1 });
    expect(row.lastError).toMatch(/404.*aucune ressource/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(requestsFor(nationalId)).toHaveLength(1);

    stub.seed("Practitioner", nationalId);
    await retryMailboxPublication({ db, actor: admin, tenantId: tenant.id, publicationId: row.id, enqueue });
    await waitFor("retried publication succeeded", async () => (await db.mailboxPublication.findUnique({ where: { id: row.id } }))?.status === "succeeded");
    expect(requestsFor(nationalId)).toHaveLength(2);
    const audit = await db.auditEvent.findFirst({ where: { action: "mailbox.publication-retry", objectId: created.id } });
    expect(audit).toMatchObject({ tenantId: tenant.id, actorAccountId: admin.accountId });
  });

  it("marks an ORG publication failed on 412 when several organisations carry the FINESS", async () => {
    const structureId = finess();
    stub.seed("Organization", structureId);
    stub.seed("Organization", structureId);

    const created = await createOrg(structureId);

    const row = await settled(created.id);
    expect(row).toMatchObject({ status: "failed", lastHttpStatus: 412, attempts: 1 });
    expect(row.lastError).toMatch(/412.*plusieurs/i);
    expect(requestsFor(structureId)).toEqual([expect.objectContaining({ resourceType: "Organization", identifier: `https://finess.esante.gouv.fr|${structureId}` })]);
  });

  it("retries on 5xx and succeeds when the directory is back", async () => {
    const structureId = finess();
    stub.seed("Organization", structureId);
    stub.respond(structureId, [503, 502]);

    const created = await createOrg(structureId);

    const row = await settled(created.id);
    expect(row).toMatchObject({ status: "succeeded", lastHttpStatus: 200, attempts: 3, lastError: null });
    expect(requestsFor(structureId)).toHaveLength(3);
  });

  it("gives up after the last attempt on 5xx and keeps the reason", async () => {
    const structureId = finess();
    stub.seed("Organization", structureId);
    stub.respond(structureId, [503, 503, 503, 503]);

    const created = await createOrg(structureId);

    const row = await settled(created.id);
    expect(row).toMatchObject({ status: "failed", lastHttpStatus: 503, attempts: 3 });
    expect(row.lastError).toMatch(/503/);
    expect(requestsFor(structureId)).toHaveLength(3);
  });

  it("records an ORG mailbox without FINESS as failed with the reason, without calling the directory", async () => {
    const before = stub.requests.length;
    const created = await createMailbox({
      db,
      actor: admin,
      tenantId: tenant.id,
      input: { type: "ORG", localPart: `sans-finess-${uniqueSuffix()}`, domainId: tenant.domain.id, displayName: "Accueil" },
      enqueuePublication: enqueue,
    });
    expect(await publicationsOf(created.id)).toEqual([expect.objectContaining({ status: "failed", payload: null, lastError: expect.stringMatching(/FINESS/) })]);
    expect(stub.requests.length).toBe(before);
  });

  it("sends a replace when the label changes, then a delete when the mailbox is closed", async () => {
    const structureId = finess();
    stub.seed("Organization", structureId);
    const created = await createOrg(structureId);
    await settled(created.id);

    await updateMailbox({ db, actor: admin, tenantId: tenant.id, mailboxId: created.id, input: { displayName: "Oncologie pédiatrique" }, enqueuePublication: enqueue });
    expect(await settled(created.id, "replace")).toMatchObject({ status: "succeeded" });
    const [organization] = stub.find("Organization", structureId);
    const description = organization?.telecom[0].extension
      .find((e: { url: string }) => e.url === MAILBOX_METADATA_EXTENSION_URL)
      .extension.find((e: { url: string }) => e.url === "description");
    expect(description).toEqual({ url: "description", valueString: "Oncologie pédiatrique" });

    const closed = await closeMailbox({ db, actor: admin, tenantId: tenant.id, mailboxId: created.id, enqueuePublication: enqueue });
    expect(closed.publicationIds).toHaveLength(1);
    expect(await settled(created.id, "delete")).toMatchObject({ status: "succeeded", lastHttpStatus: 200 });
    const deleteRequest = requestsFor(structureId).at(-1);
    expect(deleteRequest?.body.parameter[0].part).toEqual([
      { name: "type", valueCode: "delete" },
      { name: "path", valueString: `Organization.telecom.where(value = '${created.address}')` },
    ]);
    expect(stub.find("Organization", structureId)[0]?.telecom).toEqual([]);
  });

  it("deletes the entry when a published mailbox goes into liste rouge", async () => {
    const nationalId = f.nationalId();
    stub.seed("Practitioner", nationalId);
    const created = await createPer(nationalId);
    await settled(created.id);

    await updateMailbox({ db, actor: admin, tenantId: tenant.id, mailboxId: created.id, input: { isUnlisted: true }, enqueuePublication: enqueue });

    expect(await settled(created.id, "delete")).toMatchObject({ status: "succeeded" });
    expect(stub.find("Practitioner", nationalId)[0]?.telecom).toEqual([]);
  });

  it("re-enqueues a pending publication whose job Redis lost (reconciler)", async () => {
    const nationalId = f.nationalId();
    stub.seed("Practitioner", nationalId);
    // Recorded, but never enqueued (as if Redis was down at commit time).
    const created = await createMailbox({
      db,
      actor: admin,
      tenantId: tenant.id,
      input: { type: "PER", localPart: `dr-${uniqueSuffix()}`, domainId: tenant.domain.id, nationalId, firstName: "Paul", lastName: "Durand" },
    });
    expect(await publicationsOf(created.id)).toEqual([expect.objectContaining({ status: "pending" })]);

    const reconciled = await reconcilePublications({ db, queue, retry, logger });

    expect(reconciled).toContain(created.publicationIds[0]);
    expect(await settled(created.id)).toMatchObject({ status: "succeeded" });
  });
});
