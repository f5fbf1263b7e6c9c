import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FhirDirectoryStub, startFhirDirectoryStub } from "../../../../infra/fhir-directory-stub/stub.mjs";
import { buildMailboxPatch, type TMailboxPatch } from "./build-mailbox-patch";
import { createFhirDirectoryClient } from "./fhir-client";

let stub: FhirDirectoryStub;

beforeAll(async () => {
  stub = await startFhirDirectoryStub();
});

afterAll(() => stub.close());

function insertFor(nationalId: string): TMailboxPatch {
  const built = buildMailboxPatch({
    mailbox: { address: `dr.${nationalId}@h.mssante.test`, type: "PER", status: "active", displayName: "Dr Test", isUnlisted: false, nationalId, structureId: null },
    operation: "insert",
  });
  if (built.kind !== "patch") throw new Error("no patch");
  return built.patch;
}

describe("createFhirDirectoryClient against the directory stand-in", () => {
  it("sends the builder's insert, which the stand-in accepts, with the API key header", async () => {
    stub.seed("Practitioner", "810000000111");
    const client = createFhirDirectoryClient({ baseUrl: stub.url, apiKey: "k-123", timeoutMs: 2_000 });

    expect(await client.patch(insertFor("810000000111"))).toEqual({ kind: "succeeded", httpStatus: 200 });
    expect(stub.requests.at(-1)).toMatchObject({ apiKey: "k-123", contentType: "application/fhir+json" });
  });

  it("gets a permanent 400 with the OperationOutcome text when the payload lacks the metadata extension", async () => {
    stub.seed("Practitioner", "810000000222");
    const patch = insertFor("810000000222");
    const value = patch.body.parameter[0]?.part.find((p) => p.name === "value") as unknown as { valueContactPoint: { extension: unknown[] } };
    value.valueContactPoint.extension = value.valueContactPoint.extension.slice(0, 1);
    const client = createFhirDirectoryClient({ baseUrl: stub.url, timeoutMs: 2_000 });

    const outcome = await client.patch(patch);

    expect(outcome).toMatchObject({ kind: "rejected", httpStatus: 400, message: expect.stringContaining("as-ext-mailbox-mss-metadata") });
  });

  it("treats a refused connection and a silent server as unavailable (retryable)", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    const port = (silent.address() as AddressInfo).port;
    try {
      const slow = createFhirDirectoryClient({ baseUrl: `http://127.0.0.1:${port}/fhir`, timeoutMs: 200 });
      expect(await slow.patch(insertFor("810000000333"))).toMatchObject({ kind: "unavailable", httpStatus: null, message: expect.stringContaining("200 ms") });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
    const refused = createFhirDirectoryClient({ baseUrl: `http://127.0.0.1:${port}/fhir`, timeoutMs: 500 });
    expect(await refused.patch(insertFor("810000000333"))).toMatchObject({ kind: "unavailable", httpStatus: null });
  });
});
