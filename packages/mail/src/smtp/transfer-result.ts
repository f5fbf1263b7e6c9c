/** Outcome for one recipient of an LMTP or SMTP transaction. */
export type RecipientOutcome =
  | { address: string; status: "delivered"; response: string }
  | { address: string; status: "temporary"; response: string }
  | { address: string; status: "permanent"; response: string };

interface SentInfo {
  accepted?: Array<string | { address: string }>;
  rejected?: Array<string | { address: string }>;
  rejectedErrors?: Array<{ recipient?: string; responseCode?: number; response?: string; message: string }>;
  response?: string;
}

const addressOf = (entry: string | { address: string }) => (typeof entry === "string" ? entry : entry.address).toLowerCase();

/** Maps nodemailer's per-recipient result to outcomes; 4xx is temporary, 5xx permanent. */
export function toRecipientOutcomes(recipients: string[], info: SentInfo): RecipientOutcome[] {
  const accepted = new Set((info.accepted ?? []).map(addressOf));
  const errors = new Map((info.rejectedErrors ?? []).map((e) => [String(e.recipient ?? "").toLowerCase(), e]));
  return recipients.map((address) => {
    const key = address.toLowerCase();
    if (accepted.has(key)) return { address, status: "delivered", response: info.response ?? "250" };
    const error = errors.get(key);
    const response = error?.response ?? error?.message ?? "rejected";
    const isTemporary = (error?.responseCode ?? 550) < 500;
    return { address, status: isTemporary ? "temporary" : "permanent", response };
  });
}

/** Connection-level failures: 5xx replies are permanent, everything else (network, 4xx) temporary. */
export function outcomeOfFailure(recipients: string[], error: unknown): RecipientOutcome[] {
  const e = error as SentInfo & { responseCode?: number; response?: string; message?: string; code?: string };
  // nodemailer throws when every recipient was refused, with the per-recipient replies attached.
  if (e.rejectedErrors && e.rejectedErrors.length > 0) return toRecipientOutcomes(recipients, { ...e, accepted: [] });
  const response = e.response ?? `${e.code ?? "ERROR"} ${e.message ?? String(error)}`;
  const isPermanent = typeof e.responseCode === "number" && e.responseCode >= 500;
  return recipients.map((address) => ({ address, status: isPermanent ? "permanent" : "temporary", response }));
}
