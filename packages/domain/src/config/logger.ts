import pino, { type Logger } from "pino";

/** Structured logs; subjects, bodies and addresses are logged only at debug level. */
export function createLogger(name: string, level = "info"): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
