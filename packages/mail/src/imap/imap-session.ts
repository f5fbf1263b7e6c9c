import { ImapFlow } from "imapflow";

export interface ImapConfig {
  host: string;
  port: number;
  ca: Buffer;
  masterUser: string;
  masterPassword: string;
}

/**
 * Opens an IMAP session on `mailboxAddress` as Dovecot's master user (SASL PLAIN with
 * authzid). Whoever calls this must already have checked that the actor may open it.
 */
export async function withImapSession<T>(config: ImapConfig, mailboxAddress: string, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca: config.ca, servername: "localhost", minVersion: "TLSv1.2" },
    auth: { user: config.masterUser, pass: config.masterPassword, authzid: mailboxAddress, loginMethod: "AUTH=PLAIN" },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
