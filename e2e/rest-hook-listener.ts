// A rest-hook listener for the Subscriptions specs and the bench: a loopback HTTP server that
// records every notification Bundle it is sent and answers 200, or holds the answer on request.
import http from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Notification {
  /** handshake, event-notification … */
  type: string;
  subscription: string;
  eventNumber: number | null;
  eventsSinceStart: string;
  bundle: Json;
  headers: http.IncomingHttpHeaders;
  receivedAt: number;
}

/** What a notification says, read from its SubscriptionStatus (the Bundle's first entry). */
export function readNotification(
  bundle: Json,
  headers: http.IncomingHttpHeaders = {},
): Notification {
  const parameter = bundle.entry[0].resource.parameter as Json[];
  const value = (name: string) => parameter.find((p) => p.name === name);
  const event = value("notification-event");
  const number = event?.part.find((p: Json) => p.name === "event-number")?.valueString;
  return {
    type: value("type")!.valueCode,
    subscription: value("subscription")!.valueReference.reference,
    eventNumber: number === undefined ? null : Number(number),
    eventsSinceStart: value("events-since-subscription-start")!.valueString,
    bundle,
    headers,
    receivedAt: performance.now(),
  };
}

export interface Listener {
  url: string;
  received: Notification[];
  /** While true, event notifications get no answer until `release()`. */
  hold: boolean;
  release: () => void;
  /** Resolves with the first notification (already received or to come) that `match` accepts. */
  next: (match: (n: Notification) => boolean, timeoutMs?: number) => Promise<Notification>;
  close: () => Promise<void>;
}

export async function startListener(path = "/notify"): Promise<Listener> {
  const waiters: { match: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let n: Notification;
      try {
        n = readNotification(JSON.parse(Buffer.concat(chunks).toString("utf8")), req.headers);
      } catch {
        res.writeHead(400).end();
        return;
      }
      listener.received.push(n);
      for (const w of waiters.filter((w) => w.match(n))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(n);
      }
      if (listener.hold && n.type === "event-notification") held.push(res);
      else res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const listener: Listener = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received: [],
    hold: false,
    release() {
      this.hold = false;
      for (const res of held.splice(0)) res.destroy();
    },
    next(match, timeoutMs = 60_000) {
      const found = listener.received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error("no such notification arrived")),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (n) => {
            clearTimeout(timer);
            resolve(n);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return listener;
}
