import { createDb } from "@mss/db/client";
import type { RecipientOutcome } from "@mss/mail/smtp/transfer-result";
import { afterAll, describe, expect, it } from "vitest";
import { spoolMessage } from "../spool/spool-message";
import { createFactories } from "../testing/factories";
import { getTestEnv } from "../testing/test-env";
import { type DeliveryTransports, deliverSpooledMessage } from "./deliver-spooled-message";

// The transports here stand in for Dovecot and a peer only to make one stage fail on purpose;
// the real ones are exercised by the gateway and worker integration tests.
const env = getTestEnv();
const db = createDb(env.DATABASE_URL, { maxConnections: 3 });
const f = createFactories(db);

afterAll(async () => {
  await f.cleanup();
  await db.$disconnect();
});

describe("deliverSpooledMessage", () => {
  it("keeps local deliveries when a later relay stage fails, so a retry never delivers twice", async () => {
    const tenant = await f.tenant();
    const local = await f.mailbox({ tenant });
    const sender = await f.mailbox({ tenant });
    const peerDomain = f.foreignDomain("peer");
    await f.trust({ domain: peerDomain, certificate: "peer" });
    const remote = `dr.x@${peerDomain}`;
    const { spoolId } = await spoolMessage({
      db,
      input: {
        direction: "outbound",
        tenantId: tenant.id,
        mailFrom: sender.address,
        messageId: null,
        raw: Buffer.from("Subject: t\r\n\r\nbody\r\n"),
        recipients: [
          { address: local.address, isLocal: true, tenantId: tenant.id },
          { address: remote, isLocal: false, tenantId: null },
        ],
        fromMailboxId: sender.id,
      },
    });
    const localDeliveries: string[][] = [];
    let isRelayBroken = true;
    const transports: DeliveryTransports = {
      async deliverLocal({ recipients }) {
        localDeliveries.push(recipients);
        return recipients.map((address): RecipientOutcome => ({ address, status: "delivered", response: "250 2.0.0 Saved" }));
      },
      async relayRemote({ recipients }) {
        if (isRelayBroken) throw new Error("worker crashed mid-relay");
        return recipients.map((address): RecipientOutcome => ({ address, status: "delivered", response: "250 ok" }));
      },
      async storeSentCopy() {},
    };

    await expect(deliverSpooledMessage({ db, spoolId, transports })).rejects.toThrow("worker crashed mid-relay");
    const afterCrash = await db.spoolRecipient.findMany({ where: { spoolId }, orderBy: { address: "asc" } });
    expect(afterCrash.find((r) => r.address === local.address)?.state).toBe("delivered");
    expect(afterCrash.find((r) => r.address === remote)?.state).toBe("pending");

    isRelayBroken = false;
    await expect(deliverSpooledMessage({ db, spoolId, transports })).resolves.toEqual({ delivered: 1, failed: 0, deferred: 0 });
    expect(localDeliveries).toEqual([[local.address]]);
    expect((await db.spoolRecipient.findUniqueOrThrow({ where: { spoolId_address: { spoolId, address: remote } } })).state).toBe("delivered");
  });

  it("gives up the Sent copy of a mailbox closed since sending instead of retrying for ever", async () => {
    const tenant = await f.tenant();
    const sender = await f.mailbox({ tenant, status: "closed" });
    const recipient = await f.mailbox({ tenant });
    const { spoolId } = await spoolMessage({
      db,
      input: {
        direction: "outbound",
        tenantId: tenant.id,
        mailFrom: sender.address,
        messageId: null,
        raw: Buffer.from("Subject: t\r\n\r\nbody\r\n"),
        recipients: [{ address: recipient.address, isLocal: true, tenantId: tenant.id }],
        fromMailboxId: sender.id,
      },
    });
    const copies: string[] = [];
    await deliverSpooledMessage({
      db,
      spoolId,
      transports: {
        deliverLocal: async ({ recipients }) => recipients.map((address) => ({ address, status: "delivered" as const, response: "250" })),
        relayRemote: async () => [],
        storeSentCopy: async ({ mailboxAddress }) => void copies.push(mailboxAddress),
      },
    });
    expect(copies).toEqual([]);
    expect((await db.spooledMessage.findUniqueOrThrow({ where: { id: spoolId } })).sentCopyStoredAt).not.toBeNull();
  });
});
