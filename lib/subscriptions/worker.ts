import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/database";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { logger } from "@/lib/log/logger";
import { deliverDue, dueSubscriptions } from "./delivery";

// The worker in each server process that drains the outbox: it looks for due events every
// POLL_MS (events another process queued, retries whose backoff ran out) and at once when this
// process queued one (wakeDeliveries, after the transaction committed). Every instance may run
// one: the lease keeps each subscription to one delivery at a time.

const POLL_MS = 1_000;

interface Worker {
  owner: string;
  running: boolean;
  again: boolean;
  wake: () => void;
}

const KEY = Symbol.for("cp0261.subscription-worker");
const holder = globalThis as unknown as { [KEY]?: Worker };

/** One pass: every due subscription's events, subscriptions side by side. */
export async function drainOnce(db: Db, owner: string, base = serverFhirBase()): Promise<number> {
  const ids = await dueSubscriptions(db);
  const counts = await Promise.all(ids.map((id) => deliverDue(db, id, owner, base)));
  return counts.reduce((a, b) => a + b, 0);
}

/** Starts this process's worker on `db` (once; later calls do nothing). */
export function startNotifying(openDb: () => Promise<Db>) {
  if (holder[KEY]) return;
  const worker: Worker = { owner: `worker:${randomUUID()}`, running: false, again: false, wake };
  holder[KEY] = worker;
  let timer: NodeJS.Timeout | undefined;
  let failing = false;
  async function run() {
    if (worker.running) {
      worker.again = true;
      return;
    }
    worker.running = true;
    clearTimeout(timer);
    try {
      do {
        worker.again = false;
        await drainOnce(await openDb(), worker.owner);
      } while (worker.again);
      failing = false;
    } catch (error) {
      // Once per streak (a database not there yet would say so every second).
      if (!failing)
        logger.warn(
          { event: "notify-failed", error: (error as Error).name },
          "notifications could not be sent; retrying",
        );
      failing = true;
    } finally {
      worker.running = false;
      timer = setTimeout(run, POLL_MS);
      timer.unref();
    }
  }
  function wake() {
    void run();
  }
  timer = setTimeout(run, POLL_MS);
  timer.unref();
}

/** Tells this process's worker that events were queued (called after the commit). */
export function wakeDeliveries() {
  holder[KEY]?.wake();
}
