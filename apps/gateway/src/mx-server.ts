import type { TLSSocket } from "node:tls";
import type { Db } from "@mss/db/client";
import { LIMITS } from "@mss/domain/config/limits";
import { enqueueSpoolDelivery, type RetryPolicy, type TSpoolJob } from "@mss/domain/jobs/spool-queue";
import { domainOf } from "@mss/domain/mailbox/address";
import { getHostedRecipient } from "@mss/domain/mailbox/get-hosted-recipient";
import { spoolMessage } from "@mss/domain/spool/spool-message";
import {
  decideInboundRecipient,
  decideInboundSender,
  findBareLineEnding,
  type InboundPeer,
  type SmtpDecision,
} from "@mss/domain/trust/decide-inbound-peer";
import { dnFromSubject } from "@mss/domain/trust/distinguished-name";
import { findListedDns } from "@mss/domain/trust/find-listed-dns";
import { TLS_POLICY, type TlsMaterial } from "@mss/mail/tls/tls-material";
import type { Queue } from "bullmq";
import type { Logger } from "pino";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export interface MxServerDeps {
  db: Db;
  queue: Queue<TSpoolJob>;
  tls: TlsMaterial;
  hostname: string;
  retry: RetryPolicy;
  logger: Logger;
  maxMessageBytes?: number;
}

type Callback = (error?: Error | null) => void;

function smtpError(decision: Extract<SmtpDecision, { isAccepted: false }>): Error {
  return Object.assign(new Error(decision.message), { responseCode: decision.code });
}

/**
 * The MX listener of the trust space. SMTP parsing is smtp-server's; every decision is a
 * policy function of packages/domain; the message is committed to the spool before 250.
 */
export function createMxServer(deps: MxServerDeps): SMTPServer {
  const { db, queue, tls, hostname, retry, logger } = deps;
  const maxBytes = deps.maxMessageBytes ?? LIMITS.maxMessageBytes;
  const peers = new Map<string, InboundPeer & { protocol: string | null }>();

  const peerOf = (session: SMTPServerSession) =>
    peers.get(session.id) ?? { isTls: false, isCertificateTrusted: false, certificateError: null, certificateDn: null, protocol: null };

  const server = new SMTPServer({
    name: hostname,
    banner: "MSSante operator MX",
    secure: false,
    key: tls.key,
    cert: tls.cert,
    ca: tls.ca,
    requestCert: true,
    rejectUnauthorized: false, // decided per message in decideInboundSender, with a precise reply
    minVersion: TLS_POLICY.minVersion,
    ciphers: TLS_POLICY.ciphers,
    honorCipherOrder: true,
    authOptional: true,
    disabledCommands: ["AUTH"],
    size: maxBytes,
    maxClients: 200,
    socketTimeout: LIMITS.smtpSocketTimeoutMs,
    logger: false,

    onConnect(session, callback) {
      logger.debug({ session: session.id, remote: session.remoteAddress }, "connect");
      callback();
    },

    onSecure(socket, session, callback) {
      const tlsSocket = socket as TLSSocket;
      const certificate = tlsSocket.getPeerCertificate?.() ?? {};
      const hasCertificate = Boolean(certificate && Object.keys(certificate).length > 0 && certificate.subject);
      peers.set(session.id, {
        isTls: true,
        isCertificateTrusted: tlsSocket.authorized === true,
        certificateError: tlsSocket.authorizationError ? String(tlsSocket.authorizationError) : null,
        certificateDn: hasCertificate ? dnFromSubject(certificate.subject as unknown as Record<string, string>) : null,
        protocol: tlsSocket.getProtocol?.() ?? null,
      });
      callback();
    },

    async onMailFrom(address, session, callback: Callback) {
      try {
        const sender = address.address.trim().toLowerCase();
        const senderDomain = sender === "" ? null : domainOf(sender);
        const peer = peerOf(session);
        const listedDns = peer.isTls ? await findListedDns({ db, domain: senderDomain }) : [];
        const decision = decideInboundSender({ peer, senderDomain, listedDns });
        if (!decision.isAccepted) {
          logger.info({ session: session.id, code: decision.code, dn: peer.certificateDn, reason: decision.message }, "sender refused");
          return callback(smtpError(decision));
        }
        const declaredSize = Number(address.args ? (address.args.SIZE ?? 0) : 0);
        if (declaredSize > maxBytes) return callback(Object.assign(new Error("5.3.4 Message size exceeds fixed limit"), { responseCode: 552 }));
        callback();
      } catch (error) {
        logger.error({ err: error, session: session.id }, "MAIL FROM failed");
        callback(Object.assign(new Error("4.3.0 Temporary failure, try again later"), { responseCode: 451 }));
      }
    },

    async onRcptTo(address, session, callback: Callback) {
      try {
        const hosted = await getHostedRecipient({ db, address: address.address });
        const decision = decideInboundRecipient({
          isDomainHosted: hosted.isDomainHosted,
          mailbox: hosted.mailbox,
          recipientCount: session.envelope.rcptTo.length,
          maxRecipients: LIMITS.maxRecipientsPerMessage,
        });
        if (!decision.isAccepted) return callback(smtpError(decision));
        callback();
      } catch (error) {
        logger.error({ err: error, session: session.id }, "RCPT TO failed");
        callback(Object.assign(new Error("4.3.0 Temporary failure, try again later"), { responseCode: 451 }));
      }
    },

    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", async () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > maxBytes) {
          return callback(Object.assign(new Error("5.3.4 Message size exceeds fixed limit"), { responseCode: 552 }));
        }
        const raw = Buffer.concat(chunks);
        if (findBareLineEnding(raw) !== -1) {
          return callback(Object.assign(new Error("5.6.0 Bare CR or LF in message (RFC 5321 2.3.8)"), { responseCode: 550 }));
        }
        try {
          const peer = peerOf(session);
          const recipients = await Promise.all(
            session.envelope.rcptTo.map(async (rcpt) => {
              const hosted = await getHostedRecipient({ db, address: rcpt.address });
              return { address: rcpt.address.toLowerCase(), isLocal: true, tenantId: hosted.mailbox?.tenantId ?? null };
            }),
          );
          const { spoolId } = await spoolMessage({
            db,
            input: {
              direction: "inbound",
              tenantId: null,
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : "",
              messageId: /^message-id:\s*(.+)$/im.exec(raw.subarray(0, 64 * 1024).toString("latin1"))?.[1]?.trim() ?? null,
              raw,
              recipients,
              clientAddress: session.remoteAddress,
              peerCertificateDn: peer.certificateDn,
              tlsProtocol: peer.protocol,
            },
          });
          logger.info({ session: session.id, spoolId, size, recipients: recipients.length, dn: peer.certificateDn, tls: peer.protocol }, "message spooled");
          // The spool row is the commitment; if Redis is down the reconciler enqueues it later.
          await enqueueSpoolDelivery(queue, spoolId, retry).catch((error) =>
            logger.warn({ err: error, spoolId }, "enqueue failed; the reconciler will pick the message up"),
          );
          callback(null, `2.0.0 Ok: queued as ${spoolId}`);
        } catch (error) {
          logger.error({ err: error, session: session.id }, "spool commit failed");
          callback(Object.assign(new Error("4.3.0 Temporary failure, try again later"), { responseCode: 451 }));
        }
      });
    },

    onClose(session) {
      peers.delete(session.id);
    },
  });
  server.on("error", (error) => logger.error({ err: error }, "smtp server error"));
  return server;
}
