import "server-only";
import { sql } from "kysely";
import { logger } from "@/lib/log/logger";
import { appContext } from "./app-context";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * GET /api/health/ready: 200 once this instance can use its database (opened, migrated, a
 * query answered); 503 otherwise, so a load balancer stops sending it traffic. /api/health
 * stays a liveness check that touches nothing.
 */
export async function readiness(): Promise<Response> {
  try {
    const { db } = await appContext();
    await sql`select 1`.execute(db.kysely);
    return Response.json({ ok: true, database: "up" }, { headers: NO_STORE });
  } catch (error) {
    // The error's name only: a driver's message can quote a connection string.
    logger.warn({ event: "readiness", error: (error as Error).name }, "database not ready");
    return Response.json(
      { ok: false, error: "The database cannot be reached or prepared; see the server log." },
      { status: 503, headers: { ...NO_STORE, "Retry-After": "5" } },
    );
  }
}
