import pino from "pino";

/**
 * One JSON line per event on stdout (or LOG_FILE). Callers pass only what is listed in the
 * README's "Logs" section: never patient fields, passwords, cookies or tokens. The redaction
 * below is a second line of defence for headers, not the policy.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "coverage-policy-0261" },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      remove: true,
    },
  },
  pino.destination({ dest: process.env.LOG_FILE ?? 1, sync: true, mkdir: true }),
);
