import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { SMTPServer } from "smtp-server";

export interface PeerSession {
  /** Subject of the client certificate as Node reports it, or null when none was presented. */
  clientSubject: Record<string, string | string[] | undefined> | null;
  /** True when the client certificate chains to the CA the peer trusts. */
  isClientTrusted: boolean;
}

export interface ReceivedMessage {
  from: string;
  to: string[];
  raw: Buffer;
  session: PeerSession;
}

export interface PeerMta {
  port: number;
  sessions: PeerSession[];
  received: ReceivedMessage[];
  close(): Promise<void>;
}

/**
 * A peer operator's MX for relay tests: STARTTLS with its own certificate, asks for a client
 * certificate and, when `isClientVerified`, only lets through clients chaining to `clientCa`
 * (the TLS handshake fails otherwise). Records every TLS session and every message received.
 */
export async function startPeerMta({
  cert,
  key,
  clientCa,
  isClientVerified = true,
  acceptClient = () => true,
  port = 0,
}: {
  cert: Buffer;
  key: Buffer;
  clientCa: Buffer;
  isClientVerified?: boolean;
  /** Policy on top of the chain check, e.g. the DN the peer's whitelist lists for us. */
  acceptClient?: (session: PeerSession) => boolean;
  /** 0 (default) for an ephemeral port; the e2e run uses the port RELAY_ROUTES points to. */
  port?: number;
}): Promise<PeerMta> {
  const sessions: PeerSession[] = [];
  const received: ReceivedMessage[] = [];
  const bySession = new Map<string, PeerSession>();

  const server = new SMTPServer({
    secure: false,
    key,
    cert,
    ca: clientCa,
    requestCert: true,
    rejectUnauthorized: isClientVerified,
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onSecure(socket, session, callback) {
      const tlsSocket = socket as TLSSocket;
      const certificate = tlsSocket.getPeerCertificate();
      const peer: PeerSession = {
        clientSubject: certificate && certificate.subject ? (certificate.subject as unknown as PeerSession["clientSubject"]) : null,
        isClientTrusted: tlsSocket.authorized,
      };
      sessions.push(peer);
      bySession.set(session.id, peer);
      if (!peer.isClientTrusted || !acceptClient(peer)) {
        return callback(Object.assign(new Error("5.7.1 Client certificate not accepted"), { responseCode: 554 }));
      }
      callback();
    },
    onMailFrom(_address, session, callback) {
      if (!bySession.has(session.id)) return callback(Object.assign(new Error("5.7.0 Must issue a STARTTLS command first"), { responseCode: 530 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          session: bySession.get(session.id) as PeerSession,
        });
        callback();
      });
    },
  });
  server.on("error", () => {}); // refused handshakes are part of the tests
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    sessions,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
