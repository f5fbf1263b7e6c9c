import type { Db } from "@mss/db/client";
import { type DeliveryTransports, deliverSpooledMessage } from "@mss/domain/delivery/deliver-spooled-message";
import { type NextHop, resolveNextHop } from "@mss/domain/delivery/resolve-next-hop";
import { ZSpoolJob } from "@mss/domain/jobs/spool-queue";
import type { ImapConfig } from "@mss/mail/imap/imap-session";
import { withImapSession } from "@mss/mail/imap/imap-session";
import { deliverOverLmtp } from "@mss/mail/lmtp/deliver-over-lmtp";
import { relayOverSmtp } from "@mss/mail/smtp/relay-over-smtp";
import type { RecipientOutcome } from "@mss/mail/smtp/transfer-result";
import type { TlsMaterial } from "@mss/mail/tls/tls-material";
import type { Job } from "bullmq";
import type { Logger } from "pino";

export interface DeliverDeps {
  db: Db;
  tls: TlsMaterial;
  lmtp: { host: string; port: number };
  imap: ImapConfig;
  routes: Map<string, NextHop>;
  heloName: string;
  logger: Logger;
}

export function createTransports(deps: DeliverDeps): DeliveryTransports {
  return {
    deliverLocal: ({ from, recipients, raw }) => deliverOverLmtp({ ...deps.lmtp, ca: deps.tls.ca, from, recipients, raw }),
    async relayRemote({ domain, from, recipients, raw }) {
      let hops: NextHop[];
      try {
        hops = await resolveNextHop(domain, deps.routes);
      } catch (error) {
        return recipients.map((address) => ({ address, status: "temporary" as const, response: `no route to ${domain}: ${String(error)}` }));
      }
      let last: RecipientOutcome[] = recipients.map((address) => ({ address, status: "permanent" as const, response: `no MX for ${domain}` }));
      for (const hop of hops) {
        last = await relayOverSmtp({ host: hop.host, port: hop.port, serverName: hop.host, heloName: deps.heloName, tls: deps.tls, from, recipients, raw });
        // Try the next MX only when this one could not be reached or deferred everyone.
        if (!last.every((o) => o.status === "temporary")) break;
      }
      return last;
    },
    async storeSentCopy({ mailboxAddress, raw }) {
      await withImapSession(deps.imap, mailboxAddress, (client) => client.append("Sent", raw, ["\\Seen"]).then(() => undefined));
    },
  };
}

/** BullMQ processor of the spool queue: thin, the rules are in deliverSpooledMessage. */
export function createDeliverProcessor(deps: DeliverDeps) {
  const transports = createTransports(deps);
  return async (job: Job) => {
    const { spoolId } = ZSpoolJob.parse(job.data);
    const report = await deliverSpooledMessage({ db: deps.db, spoolId, transports });
    deps.logger.info({ jobId: job.id, spoolId, ...report }, "delivered");
    return report;
  };
}
