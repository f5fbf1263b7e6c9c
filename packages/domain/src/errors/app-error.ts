/**
 * The one error type of the platform. `code` is a closed set; each maps to an HTTP status
 * and an SMTP reply. `userMessage` is safe to show (French first); `message` is for logs.
 */
export const APP_ERROR_CODES = {
  UNAUTHENTICATED: { http: 401, smtp: [530, "5.7.0"] },
  FORBIDDEN: { http: 403, smtp: [550, "5.7.1"] },
  NOT_FOUND: { http: 404, smtp: [550, "5.1.1"] },
  INVALID_INPUT: { http: 400, smtp: [501, "5.5.4"] },
  CONFLICT: { http: 409, smtp: [550, "5.7.1"] },
  RECIPIENT_OUTSIDE_TRUST_SPACE: { http: 422, smtp: [550, "5.7.1"] },
  MAILBOX_UNAVAILABLE: { http: 422, smtp: [550, "5.2.1"] },
  MESSAGE_TOO_BIG: { http: 413, smtp: [552, "5.3.4"] },
  TEMPORARY_FAILURE: { http: 503, smtp: [451, "4.3.0"] },
  INTERNAL: { http: 500, smtp: [451, "4.3.0"] },
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;

  constructor(code: AppErrorCode, userMessage: string, options: { cause?: unknown; internalMessage?: string } = {}) {
    super(options.internalMessage ?? userMessage, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = userMessage;
  }

  get httpStatus(): number {
    return APP_ERROR_CODES[this.code].http;
  }

  get smtpReply(): { code: number; enhanced: string } {
    const [code, enhanced] = APP_ERROR_CODES[this.code].smtp;
    return { code, enhanced };
  }
}

/** Turns anything thrown into an AppError; unknown errors become a generic message. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("INTERNAL", "Une erreur interne est survenue. Réessayez dans un instant.", {
    cause: error,
    internalMessage: error instanceof Error ? error.message : String(error),
  });
}
