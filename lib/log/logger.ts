import pino from "pino";

/**
 * One JSON line per event on stdout (or LOG_FILE). Callers pass only what is listed in the
 * README's "Logs" section: never patient fields, passwords, cookies or tokens. The redaction
 * below is a second line of defence for headers, not the policy.
 */
export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "prior-authorization-workspace" },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: "msg",
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
      remove: true,
    },
  },
  // stdout is written asynchronously (lines still buffered when the process is killed are lost);
  // a LOG_FILE synchronously, so a test reading it sees each line as soon as it is written.
  process.env.LOG_FILE
    ? pino.destination({ dest: process.env.LOG_FILE, sync: true, mkdir: true })
    : pino.destination({ dest: 1, sync: false }),
);
