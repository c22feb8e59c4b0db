import pino, { type Logger } from "pino";
import { getEnv } from "@/lib/env";

export const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keep an upstream request id when it is a sane token; otherwise make a new one. */
export function resolveRequestId(incoming: string | null | undefined): string {
  if (incoming && REQUEST_ID_PATTERN.test(incoming)) return incoming;
  return crypto.randomUUID();
}

let root: Logger | undefined;

/** JSON logs on stdout, one object per line. */
export function getLogger(): Logger {
  root ??= pino({
    level: getEnv().LOG_LEVEL,
    base: { service: "preflight" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["*.password", "*.secret", "*.token", "headers.cookie", "headers.authorization"], remove: true },
  });
  return root;
}

export function requestLogger(requestId: string): Logger {
  return getLogger().child({ requestId });
}
