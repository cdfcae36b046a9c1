import { randomUUID } from "node:crypto";
import http from "node:http";
import { pinoHttp } from "pino-http";
import { CLIENT_ADDRESS_HEADER, clientAddress, trustedHops } from "@/lib/server/client-address";
import { logger } from "@/lib/log/logger";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

// The path only: a query string is never logged, whatever it holds.
const pathOf = (url: string | undefined) => (url ?? "/").split("?")[0]!;

const logRequest = pinoHttp({
  logger,
  quietReqLogger: true,
  customAttributeKeys: { reqId: "requestId" },
  // A request id from the proxy in front is kept when it is a plain token; otherwise a new one.
  genReqId: (req, res) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    return id;
  },
  customLogLevel: (_req, res, err) =>
    err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
  customSuccessMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
  customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
  serializers: {
    req: (req: { method: string; url: string }) => ({
      method: req.method,
      path: pathOf(req.url),
    }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
  autoLogging: { ignore: (req) => pathOf(req.url).startsWith("/_next/static/") },
});

/**
 * `next start` owns its HTTP server, so the one place to see every request with its final status
 * is the server's "request" event. Each request gets a pino-http line when it finishes, an
 * X-Request-Id header that the app reads back for its audit-event lines, and the client's address
 * worked out from the connection (X-Forwarded-For only as far as TRUST_PROXY_HOPS allows).
 */
let warnedAboutProxy = false;

export function hookEveryRequest() {
  const hops = trustedHops(process.env.TRUST_PROXY_HOPS);
  const emit = http.Server.prototype.emit as (event: string, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event !== "request") return emit.apply(this, [event, ...args]);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    const forwarded = req.headers["x-forwarded-for"];
    if (forwarded && hops === 0 && !warnedAboutProxy) {
      warnedAboutProxy = true;
      logger.warn(
        { event: "config" },
        "X-Forwarded-For was sent but TRUST_PROXY_HOPS is 0: the connection's address is used. Behind a proxy, set TRUST_PROXY_HOPS (README, Deployment notes).",
      );
    }
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
      Array.isArray(forwarded) ? forwarded.join(",") : forwarded,
      req.socket.remoteAddress,
      hops,
    );
    logRequest(req, res);
    return emit.apply(this, [event, ...args]);
  } as typeof http.Server.prototype.emit;
}
