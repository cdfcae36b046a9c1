import "server-only";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { nextCookies } from "better-auth/next-js";
import type { Kysely } from "kysely";
import type { Db } from "@/lib/db/database";
import { authSecret, env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from "./password";

export const IDLE_TIMEOUT_SECONDS = 30 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

function options(db: Db) {
  const { APP_URL, NODE_ENV } = env();
  return {
    appName: "Coverage Policy 0261",
    baseURL: APP_URL,
    secret: authSecret(),
    database: {
      db: db.kysely as unknown as Kysely<unknown>,
      type: db.engine === "sqlite" ? ("sqlite" as const) : ("postgres" as const),
    },
    emailAndPassword: {
      enabled: true,
      // Accounts are made by an administrator (npm run user:add), never by sign-up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    user: {
      additionalFields: {
        role: { type: "string" as const, required: true, input: false, defaultValue: "physician" },
      },
    },
    session: {
      // Sessions live in the database, so signing out or revoking ends them on the server. Each
      // use pushes the expiry 30 minutes on (the idle timeout); getCurrentUser enforces 12 hours.
      expiresIn: IDLE_TIMEOUT_SECONDS,
      updateAge: 0,
    },
    advanced: {
      useSecureCookies: NODE_ENV === "production" && APP_URL.startsWith("https:"),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" as const },
    },
    telemetry: { enabled: false },
    // better-auth's own messages ("User not found") go to the JSON log; their arguments, which
    // can hold an email address, do not.
    logger: {
      log: (level: "debug" | "info" | "success" | "warn" | "error", message: string) =>
        logger[level === "success" ? "info" : level]({ event: "auth" }, message),
    },
    plugins: [nextCookies()],
  };
}

export function createAuth(db: Db) {
  return betterAuth(options(db));
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * Creates or updates better-auth's own tables (user, session, account, verification), under the
 * database's start-up lock: better-auth compares the schema, then creates what is missing, and
 * two instances starting at once would both try to create the same table.
 */
export async function migrateAuth(db: Db): Promise<void> {
  await db.withStartupLock(async (locked) => {
    const { runMigrations } = await getMigrations(options(locked));
    await runMigrations();
  });
}
