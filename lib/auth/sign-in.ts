import "server-only";
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { recordAudit } from "@/lib/requests/repository";
import type { AppContext } from "@/lib/server/app-context";

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED =
  "Sign-in failed. Check your email and password, or wait a few minutes and try again.";

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export const accountKey = (email: string) =>
  createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

async function recentFailures(ctx: AppContext, column: "subject" | "ip", value: string, now: Date) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const row = await ctx.db.kysely
    .selectFrom("audit_events")
    .select(sql<number>`count(*)`.as("n"))
    .where("action", "=", "auth.sign-in.failure")
    .where(column, "=", value)
    .where("at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type SignInResult =
  | { ok: true; userId: string; role: string; setCookie: string | null }
  | { ok: false; error: typeof SIGN_IN_FAILED };

/**
 * Checks the password with better-auth (which creates the server-side session and its cookie),
 * after refusing an account or an address with too many recent failures. Every attempt is audited.
 */
export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string; ip: string; headers: Headers },
  now = new Date(),
): Promise<SignInResult> {
  const subject = accountKey(input.email);
  const throttled =
    (await recentFailures(ctx, "subject", subject, now)) >= MAX_FAILURES_PER_ACCOUNT ||
    (await recentFailures(ctx, "ip", input.ip, now)) >= MAX_FAILURES_PER_IP;

  if (!throttled) {
    try {
      const response = await ctx.auth.api.signInEmail({
        body: { email: input.email.trim().toLowerCase(), password: input.password },
        headers: input.headers,
        asResponse: true,
      });
      if (response.ok) {
        const { user } = (await response.json()) as { user: { id: string; role: string } };
        await recordAudit(ctx.db.kysely, {
          actorId: user.id,
          action: "auth.sign-in.success",
          subject,
          ip: input.ip,
        });
        return {
          ok: true,
          userId: user.id,
          role: user.role,
          setCookie: response.headers.get("set-cookie"),
        };
      }
    } catch {
      // better-auth throws for malformed input; it is a failed sign-in like any other.
    }
  }
  await recordAudit(ctx.db.kysely, {
    actorId: null,
    action: "auth.sign-in.failure",
    subject,
    ip: input.ip,
    detail: { throttled },
  });
  return { ok: false, error: SIGN_IN_FAILED };
}
