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

export interface AuthSettings {
  /** The app's public origin; with https: the session cookie gets the __Host- prefix. */
  appUrl: string;
  secret: string;
}

const fromEnv = (): AuthSettings => ({ appUrl: env().APP_URL, secret: authSecret() });

/** The session cookie's name over https; plain http keeps better-auth's own name. */
export const HOST_COOKIE_PREFIX = "__Host-cp0261";

function options(db: Db, { appUrl, secret }: AuthSettings = fromEnv()) {
  const https = appUrl.startsWith("https:");
  return {
    appName: "Prior authorization workspace",
    baseURL: appUrl,
    secret,
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
        // A medical director's specialty (lib/request-model/roles.ts normalizes it); null for other roles.
        specialty: { type: "string" as const, required: false, input: false },
      },
    },
    session: {
      // Sessions live in the database, so signing out or revoking ends them on the server. Each
      // use pushes the expiry 30 minutes on (the idle timeout); getCurrentUser enforces 12 hours.
      expiresIn: IDLE_TIMEOUT_SECONDS,
      updateAge: 0,
    },
    // Over https, every cookie is __Host-: Secure, Path=/ and no Domain, so neither a subdomain
    // nor a plain-http page can set or overwrite it. better-auth's own secure prefix is
    // __Secure-, which allows a Domain; the prefix is ours and the attributes are set here.
    advanced: {
      useSecureCookies: false,
      ...(https ? { cookiePrefix: HOST_COOKIE_PREFIX } : {}),
      defaultCookieAttributes: {
        httpOnly: true,
        sameSite: "lax" as const,
        path: "/",
        ...(https ? { secure: true } : {}),
      },
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

export function createAuth(db: Db, settings?: AuthSettings) {
  return betterAuth(options(db, settings));
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
