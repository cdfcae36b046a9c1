import "server-only";
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from "jose";
import type { Db } from "@/lib/db/database";
import { findClient, type SmartClient } from "./clients";

// A JWT a registered client signed with its private key: the client assertion of SMART Backend
// Services (SMART App Launch 2.x, "Authenticating with a JWT"; RFC 7523), and the bearer JWT an
// EHR sends with each CDS Hooks call (CDS Hooks 2.0 §Trusting CDS Clients). The same rules hold
// for both but three: the audience; SMART's iss and sub are both the client id, where CDS Hooks
// has an iss (the client id or the issuer registered for it) and no sub; CDS Hooks requires iat
// and typ.

/** The only algorithms accepted: SMART Backend Services requires servers to support both. */
export const ASSERTION_ALGORITHMS = ["RS384", "ES384"] as const;

/** An assertion may be valid for at most five minutes from now (SMART: "exp … no more than five minutes in the future"). */
const MAX_LIFETIME_S = 300;
/** Clocks differ: an assertion issued a little "in the future" is still taken. */
const CLOCK_SKEW_S = 30;

export type AssertionResult =
  { ok: true; client: SmartClient; claims: JWTPayload } | { ok: false; reason: string };

const refuse = (reason: string): AssertionResult => ({ ok: false, reason });

/**
 * Verifies `jwt` as an assertion by a registered client for `audience`: a compact JWS signed with
 * RS384 or ES384 by a key of the client's registered JWKS named by `kid`, with iss = sub = the
 * client id, aud = `audience`, an exp no more than five minutes away and a jti never seen before
 * from this client (remembered in the database until exp). Anything else is refused with a reason
 * that says what is wrong and never echoes the token.
 */
export async function verifyAssertion(
  db: Db,
  jwt: string,
  audience: string,
  now = new Date(),
  { cdsHooks = false } = {},
): Promise<AssertionResult> {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(jwt))
    return refuse("The assertion is not a compact JWT (three base64url parts).");
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(jwt);
    unverified = decodeJwt(jwt);
  } catch {
    return refuse("The assertion's header or claims are not valid JSON.");
  }
  if (!(ASSERTION_ALGORITHMS as readonly unknown[]).includes(header.alg))
    return refuse(
      `The assertion is signed with ${JSON.stringify(header.alg ?? null)}: only RS384 and ES384 are accepted.`,
    );
  if (typeof header.kid !== "string" || header.kid.length === 0)
    return refuse("The assertion's header has no kid: name the registered key that signed it.");
  if (header.jku !== undefined || header.jwk !== undefined || header.x5u !== undefined)
    return refuse("Keys are never fetched or taken from the assertion: register the JWKS.");
  if ((cdsHooks || header.typ !== undefined) && header.typ !== "JWT")
    return refuse(`The assertion's typ is ${JSON.stringify(header.typ ?? null)}, not JWT.`);
  if (typeof unverified.iss !== "string") return refuse("The assertion has no iss (client id).");

  const client = await findClient(db, unverified.iss, { cdsHooks });
  if (!client) return refuse("No client is registered with this client id (iss).");

  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(jwt, createLocalJWKSet(client.jwks), {
      algorithms: [...ASSERTION_ALGORITHMS],
      issuer: unverified.iss,
      ...(cdsHooks ? {} : { subject: client.id }),
      audience,
      currentDate: now,
      requiredClaims: cdsHooks
        ? ["iss", "aud", "exp", "iat", "jti"]
        : ["iss", "sub", "aud", "exp", "jti"],
    }));
  } catch (error) {
    return refuse(describe(error, audience));
  }
  const nowS = Math.floor(now.getTime() / 1000);
  if (claims.exp! > nowS + MAX_LIFETIME_S + CLOCK_SKEW_S)
    return refuse("The assertion's exp is more than five minutes away.");
  if (typeof claims.iat === "number" && claims.iat > nowS + CLOCK_SKEW_S)
    return refuse("The assertion's iat is in the future.");
  // jose checks that jti is there, not what it is: an object or a number must not reach the database.
  const jti: unknown = claims.jti;
  if (typeof jti !== "string" || jti.length === 0 || jti.length > 255)
    return refuse("The assertion's jti must be a string of 1 to 255 characters.");
  if (!(await rememberJti(db, client.id, jti, claims.exp!, now)))
    return refuse("This assertion's jti was used before: sign a new assertion for every request.");
  return { ok: true, client, claims };
}

function describe(error: unknown, audience: string): string {
  if (error instanceof errors.JWTExpired) return "The assertion has expired (exp).";
  if (error instanceof errors.JWKSNoMatchingKey)
    return "No registered key of this client has the assertion's kid and algorithm.";
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return "The assertion's signature does not verify with the client's registered key.";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return `The assertion's aud must be ${audience}.`;
    if (error.claim === "iss" || error.claim === "sub")
      return "The assertion's iss and sub must both be the client id.";
    return `The assertion's ${error.claim} claim is missing or not valid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return "The assertion's algorithm is not accepted: use RS384 or ES384.";
  if (error instanceof errors.JOSEError) return "The assertion is not a valid signed JWT.";
  throw error;
}

/** Claims the jti until the assertion expires; false when this client used it already. */
async function rememberJti(db: Db, clientId: string, jti: string, exp: number, now: Date) {
  await db.kysely.deleteFrom("smart_jtis").where("expires_at", "<", now.toISOString()).execute();
  const claimed = await db.kysely
    .insertInto("smart_jtis")
    .values({ client_id: clientId, jti, expires_at: new Date(exp * 1000).toISOString() })
    .onConflict((oc) => oc.columns(["client_id", "jti"]).doNothing())
    .returning("jti")
    .executeTakeFirst();
  return claimed !== undefined;
}
