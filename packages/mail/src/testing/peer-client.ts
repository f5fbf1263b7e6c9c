import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type TLSSocket } from "node:tls";
import nodemailer from "nodemailer";

/** What a peer MTA presents: trust anchors for our server certificate and, optionally, its own. */
export interface PeerTls {
  ca: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** A small RFC 5322 message with CRLF line endings; `body` lines are joined with CRLF. */
export function composeTestMessage({
  from,
  to,
  subject,
  messageId,
  body,
}: {
  from: string;
  to: string;
  subject: string;
  messageId: string;
  body: string[];
}): string {
  const headers = [`From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${new Date().toUTCString()}`, "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"];
  return `${[...headers, "", ...body].join("\r\n")}\r\n`;
}

export type PeerSendResult = { isAccepted: true; response: string } | { isAccepted: false; code: number | null; response: string };

/**
 * Sends one message to the MX as a peer operator's MTA would (nodemailer, STARTTLS, our server
 * certificate verified, optional client certificate). Resolves with the server's final answer
 * instead of throwing, so tests can assert refusals.
 */
export async function sendAsPeer({
  port,
  host = "127.0.0.1",
  tls,
  isStartTlsUsed = true,
  from,
  to,
  raw,
}: {
  port: number;
  host?: string;
  tls: PeerTls;
  isStartTlsUsed?: boolean;
  from: string;
  to: string[];
  raw: Buffer | string;
}): Promise<PeerSendResult> {
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: false,
    name: "mta.peer.mssante.test",
    requireTLS: isStartTlsUsed,
    ignoreTLS: !isStartTlsUsed,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: { ca: tls.ca, cert: tls.cert, key: tls.key, servername: "localhost", rejectUnauthorized: true },
  });
  try {
    const info = await transport.sendMail({ envelope: { from, to }, raw });
    return { isAccepted: true, response: info.response };
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message?: string };
    return { isAccepted: false, code: e.responseCode ?? null, response: e.response ?? e.message ?? String(error) };
  } finally {
    transport.close();
  }
}

export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A hand-driven SMTP client for what nodemailer refuses to send (bare LF, smuggling
 * attempts): the test writes exact bytes and reads the replies.
 */
export class RawSmtpClient {
  private stream: Socket | TLSSocket;
  private buffer = "";
  private lines: string[] = [];
  private readonly replies: SmtpReply[] = [];
  private readonly waiters: Array<(reply: SmtpReply) => void> = [];
  private closedError: Error | null = null;

  private constructor(socket: Socket) {
    this.stream = socket;
    this.attach(socket);
  }

  static async connect(port: number, host = "127.0.0.1"): Promise<{ client: RawSmtpClient; greeting: SmtpReply }> {
    const socket = connectTcp({ port, host });
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    const client = new RawSmtpClient(socket);
    return { client, greeting: await client.readReply() };
  }

  private readonly onData = (chunk: Buffer) => {
    this.buffer += chunk.toString("latin1");
    let index = this.buffer.indexOf("\r\n");
    while (index !== -1) {
      const line = this.buffer.slice(0, index);
      this.buffer = this.buffer.slice(index + 2);
      this.lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.map((l) => l.slice(4)).join("\n") };
        this.lines = [];
        const waiter = this.waiters.shift();
        if (waiter) waiter(reply);
        else this.replies.push(reply);
      }
      index = this.buffer.indexOf("\r\n");
    }
  };

  private attach(stream: Socket | TLSSocket) {
    stream.on("data", this.onData);
    stream.on("close", () => {
      this.closedError = new Error("connection closed by the server");
    });
    stream.on("error", (error) => {
      this.closedError = error;
    });
  }

  readReply(timeoutMs = 10_000): Promise<SmtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closedError) return Promise.reject(this.closedError);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no SMTP reply in time")), timeoutMs);
      this.waiters.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
  }

  write(bytes: Buffer | string): void {
    this.stream.write(bytes);
  }

  async command(line: string): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.readReply();
  }

  /** STARTTLS, then the TLS handshake on the same socket (EHLO has to be sent again after). */
  async startTls(tls: PeerTls): Promise<void> {
    const reply = await this.command("STARTTLS");
    if (reply.code !== 220) throw new Error(`STARTTLS refused: ${reply.code} ${reply.text}`);
    const plain = this.stream;
    plain.off("data", this.onData);
    const secure = connectTls({ socket: plain as Socket, ca: tls.ca, cert: tls.cert, key: tls.key, servername: "localhost", rejectUnauthorized: true });
    await new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", reject);
    });
    this.stream = secure;
    this.attach(secure);
  }

  close(): void {
    this.stream.destroy();
  }
}
