import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/database";
import type { Auth } from "./auth";
import { hashPassword, verifyPassword } from "./password";
import { deviceCookie, newDeviceId, verifiedDevice, type DeviceCookie } from "./device-cookie";
import { reserveAttempt, settleAttempt } from "./sign-in-attempts";

/** The one message for every failed sign-in, so it never tells which part was wrong. */
export const SIGN_IN_FAILED =
  "Sign-in failed. Check your email and password, or wait a few minutes and try again.";

export const accountKey = (email: string) =>
  createHash("sha256").update(email.trim().toLowerCase()).digest("hex");

// An argon2id hash of nothing anyone knows: a throttled attempt is verified against it, so it
// costs what a checked one costs and its answer takes as long.
let decoy: Promise<string> | undefined;
function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomUUID()).catch((error: unknown) => {
    decoy = undefined;
    throw error;
  });
  return decoy;
}

export type SignInResult =
  | {
      ok: true;
      userId: string;
      role: string;
      setCookie: string | null;
      /** The signed device cookie to set: the browser's own id again, or a new one. */
      device: DeviceCookie;
    }
  | { ok: false; error: typeof SIGN_IN_FAILED };

/**
 * Reserves the attempt against the throttle (lib/auth/throttle-policy.ts) first; then checks the
 * password with better-auth, which creates the server-side session and its cookie, or, when the
 * attempt is throttled, does the same work against a decoy and refuses. Every attempt is audited.
 */
export async function signIn(
  ctx: { db: Db; auth: Auth },
  input: {
    email: string;
    password: string;
    ip: string;
    headers: Headers;
    /** The value of the browser's device cookie, as sent (lib/auth/device-cookie.ts). */
    deviceCookie?: string | null;
    /** The token of an unlock link an administrator issued (npm run user:unlock). */
    unlock?: string;
  },
  now = new Date(),
): Promise<SignInResult> {
  const subject = accountKey(input.email);
  const device = await verifiedDevice(input.deviceCookie);
  const { id, decision, unlock } = await reserveAttempt(
    ctx.db,
    { accountKey: subject, address: input.ip, device, unlockToken: input.unlock },
    now,
  );

  let result: SignInResult = { ok: false, error: SIGN_IN_FAILED };
  // A success recognizes this browser from then on: by the id it came with, or a new one.
  const signedInWith = device ?? newDeviceId();
  if (decision.throttled) {
    // What a check costs, for nothing: better-auth's account lookup and an argon2id verification.
    const { internalAdapter } = await ctx.auth.$context;
    await internalAdapter
      .findUserByEmail(input.email.trim().toLowerCase(), { includeAccounts: true })
      .catch(() => null);
    await verifyPassword({ hash: await decoyHash(), password: input.password });
  } else {
    try {
      const response = await ctx.auth.api.signInEmail({
        body: { email: input.email.trim().toLowerCase(), password: input.password },
        headers: input.headers,
        asResponse: true,
      });
      if (response.ok) {
        const { user } = (await response.json()) as { user: { id: string; role: string } };
        result = {
          ok: true,
          userId: user.id,
          role: user.role,
          setCookie: response.headers.get("set-cookie"),
          device: await deviceCookie(signedInWith, now),
        };
      }
    } catch {
      // better-auth throws for malformed input; it is a failed sign-in like any other.
    }
  }

  await settleAttempt(
    ctx.db,
    id,
    decision.throttled ? "throttled" : result.ok ? "success" : "failure",
    result.ok
      ? {
          actorId: result.userId,
          action: "auth.sign-in.success",
          subject,
          ip: input.ip,
          ...(unlock ? { detail: { unlockLink: true } } : {}),
        }
      : {
          actorId: null,
          action: "auth.sign-in.failure",
          subject,
          ip: input.ip,
          detail: { throttled: decision.throttled },
        },
    now,
    result.ok ? { device: signedInWith, unlock } : {},
  );
  return result;
}
