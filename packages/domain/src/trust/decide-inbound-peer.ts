import { normalizeDn } from "./distinguished-name";

/** What the MX listener knows about the connected peer when it gives MAIL FROM. */
export interface InboundPeer {
  isTls: boolean;
  /** True when the client certificate chains to a trusted CA (IGC-Santé, or the dev CA). */
  isCertificateTrusted: boolean;
  certificateError: string | null;
  /** Canonical subject DN of the client certificate, or null when none was presented. */
  certificateDn: string | null;
}

export type SmtpDecision = { isAccepted: true } | { isAccepted: false; code: number; message: string };

const accept: SmtpDecision = { isAccepted: true };
const refuse = (code: number, message: string): SmtpDecision => ({ isAccepted: false, code, message });

/**
 * Trust-space rule for inbound mail: STARTTLS, then a client certificate from a trusted CA
 * whose DN the whitelist lists for the envelope sender's domain.
 * `listedDns` are the whitelist DNs of that domain (for a null sender: every DN listed).
 */
export function decideInboundSender({
  peer,
  senderDomain,
  listedDns,
}: {
  peer: InboundPeer;
  senderDomain: string | null;
  listedDns: string[];
}): SmtpDecision {
  if (!peer.isTls) return refuse(530, "5.7.0 Must issue a STARTTLS command first");
  // A certificate with an empty subject identifies nobody (and would equal a malformed entry).
  const dn = peer.certificateDn === null ? "" : normalizeDn(peer.certificateDn);
  if (dn === "") return refuse(550, "5.7.1 A client certificate is required (IGC-Santé)");
  if (!peer.isCertificateTrusted) {
    return refuse(550, `5.7.1 Client certificate not trusted (${peer.certificateError ?? "unknown issuer"})`);
  }
  if (senderDomain !== null && listedDns.length === 0) {
    return refuse(550, `5.7.1 Sender domain ${senderDomain} is not in the MSSante whitelist`);
  }
  if (!listedDns.some((listed) => normalizeDn(listed) === dn)) {
    const scope = senderDomain === null ? "any whitelisted domain" : senderDomain;
    return refuse(550, `5.7.1 Certificate ${dn} is not listed for ${scope}`);
  }
  return accept;
}

export type RecipientMailbox = { status: "active" | "suspended" | "closed" } | null;

/** A recipient is accepted only if it is an active mailbox of a domain hosted here. */
export function decideInboundRecipient({
  isDomainHosted,
  mailbox,
  recipientCount,
  maxRecipients,
}: {
  isDomainHosted: boolean;
  mailbox: RecipientMailbox;
  recipientCount: number;
  maxRecipients: number;
}): SmtpDecision {
  if (recipientCount >= maxRecipients) return refuse(452, "4.5.3 Too many recipients");
  if (!isDomainHosted) return refuse(550, "5.7.1 Relaying denied: domain not hosted here");
  if (mailbox === null) return refuse(550, "5.1.1 No such mailbox here");
  switch (mailbox.status) {
    case "active":
      return accept;
    case "suspended":
      return refuse(550, "5.2.1 Mailbox suspended");
    case "closed":
      return refuse(550, "5.1.1 Mailbox closed");
    default: {
      const exhaustive: never = mailbox.status;
      return exhaustive;
    }
  }
}

/**
 * SMTP smuggling defence: a line ending other than CRLF in DATA lets a peer hide a second
 * message behind "<LF>.<CR><LF>"; such messages are refused rather than repaired.
 */
export function findBareLineEnding(data: Buffer): number {
  for (let i = 0; i < data.length; i++) {
    const byte = data[i];
    if (byte === 0x0a && (i === 0 || data[i - 1] !== 0x0d)) return i;
    if (byte === 0x0d && data[i + 1] !== 0x0a) return i;
  }
  return -1;
}
