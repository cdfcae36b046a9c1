// The SMART clients the e2e server registers (scripts/e2e-server.ts) and how the tests act as
// them. Their keys are made when the server starts and kept for the tests in .e2e-clients/,
// one file per server port: no private key is committed.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { importJWK, SignJWT, type JWK } from "jose";
import type { APIRequestContext } from "@playwright/test";

export const EHR_CLIENTS = {
  /** The EHR that submits and asks: both scopes, an ES384 key. */
  memorial: {
    name: "Memorial EHR",
    scopes: "system/Claim.write system/ClaimResponse.read",
    alg: "ES384",
  },
  /** Another EHR with the same rights: it must never see Memorial's requests. */
  other: {
    name: "Other EHR",
    scopes: "system/Claim.write system/ClaimResponse.read",
    alg: "RS384",
  },
  /** May only ask: $submit is 403 for it. */
  readOnly: { name: "Read-only EHR", scopes: "system/ClaimResponse.read", alg: "RS384" },
  /** Only the hostile-input sweep submits as it, so the requests it stores are its own to count. */
  sweeper: {
    name: "Sweeper EHR",
    scopes: "system/Claim.write system/ClaimResponse.read",
    alg: "ES384",
  },
  /**
   * Another system of the provider Memorial submits for (the samples' NPI, test/ehr-samples.ts,
   * registered to it with smart:client:add --npi): it may $inquire for that NPI's requests.
   */
  colleague: {
    name: "Memorial lab system",
    scopes: "system/ClaimResponse.read",
    alg: "ES384",
    npis: ["1234567893"],
  },
  /** A system registered for another provider's NPI: it must never see the samples' requests. */
  elsewhere: {
    name: "Elsewhere EHR",
    scopes: "system/ClaimResponse.read",
    alg: "RS384",
    npis: ["1245319599"],
  },
  /**
   * An EHR that subscribes, submits, fetches a pend's follow-up questions with DTR and answers over
   * CDex (e2e/cdex-loop.spec.ts): its requests are its own to pend.
   */
  clinic: {
    name: "Clinic EHR",
    scopes:
      "system/Claim.write system/ClaimResponse.read system/Questionnaire.rs system/Subscription.read system/Subscription.write",
    alg: "ES384",
    // Its own provider, subscribed to over a loopback listener (the whole loop, issue 20 item 9).
    npis: ["1928374655"],
    notifyHosts: ["127.0.0.1"],
  },
  /**
   * An EHR that subscribes (e2e/subscriptions.spec.ts): its provider's NPI registered to it, and
   * the loopback host for its rest-hook listener.
   */
  subscriber: {
    name: "Subscriber EHR",
    scopes:
      "system/Claim.write system/ClaimResponse.read system/Subscription.read system/Subscription.write",
    alg: "ES384",
    npis: ["1987654328"],
    notifyHosts: ["127.0.0.1"],
  },
  /**
   * Another subscribing EHR: it never finds the subscriber's Subscriptions. Only the hostile-input
   * sweep creates Subscriptions as it, so the ones it stores are its own to count.
   */
  otherSubscriber: {
    name: "Other subscriber EHR",
    scopes: "system/Subscription.read system/Subscription.write",
    alg: "RS384",
    npis: ["1245319599"],
    notifyHosts: ["127.0.0.1"],
  },
  /** A DTR client (e2e/api/dtr.spec.ts): the SMART v2 read scopes DTR asks for. */
  dtr: {
    name: "DTR client",
    scopes: "system/Questionnaire.rs system/ValueSet.rs system/Library.rs",
    alg: "ES384",
  },
  /** A DTR client registered with the v1 spellings: it may ask for either. */
  dtrV1: {
    name: "DTR client (v1 scopes)",
    scopes: "system/Questionnaire.read system/ValueSet.read",
    alg: "RS384",
  },
} as const;

export type EhrClient = keyof typeof EHR_CLIENTS;

export interface Keys {
  clientId: string;
  kid: string;
  alg: "ES384" | "RS384";
  privateJwk: JWK;
}

export const keysFile = (port: string | number) => `.e2e-clients/${port}.json`;

export const portOf = (baseURL: string) => new URL(baseURL).port;

export function clientKeys(baseURL: string, who: EhrClient): Keys {
  return (JSON.parse(readFileSync(keysFile(portOf(baseURL)), "utf8")) as Record<string, Keys>)[
    who
  ]!;
}

/** A JWT signed by the client, as SMART Backend Services and CDS Hooks describe it. */
export async function signedBy(
  baseURL: string,
  who: EhrClient,
  audience: string,
  overrides: {
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    expiresIn?: number;
  } = {},
) {
  const keys = clientKeys(baseURL, who);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: keys.clientId,
    sub: keys.clientId,
    aud: audience,
    jti: randomUUID(),
    iat: now,
    exp: now + (overrides.expiresIn ?? 240),
    ...overrides.claims,
  })
    .setProtectedHeader({ alg: keys.alg, kid: keys.kid, typ: "JWT", ...overrides.header })
    .sign(await importJWK(keys.privateJwk, keys.alg));
}

export const tokenUrl = (baseURL: string) => `${baseURL}/api/auth/token`;

/** POST /api/auth/token with a client assertion; the raw response. */
export function requestToken(
  request: APIRequestContext,
  baseURL: string,
  assertion: string,
  scope: string,
) {
  return request.post("/api/auth/token", {
    form: {
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: assertion,
      scope,
    },
  });
}

/** An access token for the client. */
export async function accessToken(
  request: APIRequestContext,
  baseURL: string,
  who: EhrClient,
  scope = EHR_CLIENTS[who].scopes as string,
) {
  const response = await requestToken(
    request,
    baseURL,
    await signedBy(baseURL, who, tokenUrl(baseURL)),
    scope,
  );
  if (response.status() !== 200) throw new Error(`No token: ${await response.text()}`);
  return (await response.json()).access_token as string;
}
