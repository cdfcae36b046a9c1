import "server-only";
import { hkdfSync, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { authSecret, env } from "@/lib/env";
import { HOST_COOKIE_PREFIX } from "./auth";
import { THROTTLE } from "./throttle-policy";

// The browser a user signed in with: a random device id in a cookie signed with a key derived
// from AUTH_SECRET (HS256, jose), set at every successful sign-in. With it, a storm of failures on
// the account from elsewhere never holds that browser up (lib/auth/throttle-policy.ts). It names
// no account: which accounts signed in with it is read from the sign-in attempts, so a device id
// from an attacker's own sign-in vouches for nothing but the attacker's account.

const PURPOSE = "coverage-policy-0261 sign-in device cookie";
const ALGORITHM = "HS256";
/** Longer than the rule reads it (30 days), so a user who signs in monthly keeps it. */
const MAX_AGE_SECONDS = 2 * THROTTLE.knownDeviceDays * 24 * 60 * 60;

let key: { secret: string; bytes: Uint8Array } | undefined;
function signingKey(): Uint8Array {
  const secret = authSecret();
  if (key?.secret !== secret)
    key = {
      secret,
      bytes: new Uint8Array(hkdfSync("sha256", secret, "", PURPOSE, 32)),
    };
  return key.bytes;
}

const https = () => env().APP_URL.startsWith("https:");

/** The cookie's name: __Host- prefixed over https, like the session's. */
export const deviceCookieName = () => `${https() ? HOST_COOKIE_PREFIX : "cp0261"}.device`;

/** The device id the cookie's value vouches for, or null when it is missing, forged or expired. */
export async function verifiedDevice(value: string | undefined | null): Promise<string | null> {
  if (!value || value.length > 512) return null;
  try {
    const { payload } = await jwtVerify(value, signingKey(), {
      algorithms: [ALGORITHM],
      audience: PURPOSE,
    });
    return typeof payload.sub === "string" && /^[\w-]{22}$/.test(payload.sub) ? payload.sub : null;
  } catch {
    return null;
  }
}

export const newDeviceId = () => randomBytes(16).toString("base64url");

export interface DeviceCookie {
  name: string;
  value: string;
  options: {
    httpOnly: true;
    sameSite: "lax";
    secure: boolean;
    path: "/";
    maxAge: number;
  };
}

/** The cookie to set for `deviceId` (a new one, or the one the browser came with). */
export async function deviceCookie(deviceId: string, now = new Date()): Promise<DeviceCookie> {
  const value = await new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(deviceId)
    .setAudience(PURPOSE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + MAX_AGE_SECONDS)
    .sign(signingKey());
  return {
    name: deviceCookieName(),
    value,
    options: {
      httpOnly: true,
      sameSite: "lax",
      secure: https(),
      path: "/",
      maxAge: MAX_AGE_SECONDS,
    },
  };
}
