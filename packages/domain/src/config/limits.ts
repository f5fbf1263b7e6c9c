// Protocol limits in one place (sizes, counts, timeouts). Per-tenant sizes come later.
export const LIMITS = {
  /** Largest message accepted, advertised with the SMTP SIZE extension. */
  maxMessageBytes: 30 * 1024 * 1024,
  maxRecipientsPerMessage: 100,
  smtpSocketTimeoutMs: 120_000,
  /** Largest message body the webmail renders inline before offering a download. */
  maxRenderedHtmlBytes: 2 * 1024 * 1024,
  webmailPageSize: 50,
} as const;
