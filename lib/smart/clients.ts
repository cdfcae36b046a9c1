import "server-only";
import { randomUUID } from "node:crypto";
import type { JSONWebKeySet, JWK } from "jose";
import type { Db } from "@/lib/db/database";
import { isValidNpi } from "@/lib/validations/npi";
import { isScope, scopeList, SUPPORTED_SCOPES, type Scope } from "./scopes";

export interface SmartClient {
  id: string;
  name: string;
  jwks: JSONWebKeySet;
  scopes: Scope[];
  /** The iss of its CDS Hooks JWTs when not the client id (an EHR's FHIR base URL, say). */
  cdsIssuer: string | null;
}

// SMART Backend Services: clients sign with RS384 or ES384; RSA keys of at least 2048 bits.
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k", "oth"];

/** Why a JWKS cannot be registered, or null: public RSA or P-384 keys, each with its own kid. */
export function jwksProblem(jwks: unknown): string | null {
  if (typeof jwks !== "object" || jwks === null || !Array.isArray((jwks as JSONWebKeySet).keys))
    return 'The JWKS must be an object with a "keys" array.';
  const keys = (jwks as JSONWebKeySet).keys;
  if (keys.length === 0) return "The JWKS has no keys.";
  const kids = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const at = `keys[${i}]`;
    if (typeof key !== "object" || key === null) return `${at} is not a JSON Web Key.`;
    if (typeof key.kid !== "string" || key.kid.length === 0 || key.kid.length > 200)
      return `${at} needs a "kid" (1 to 200 characters): assertions name their key by it.`;
    if (kids.has(key.kid)) return `${at}: kid "${key.kid}" is used twice.`;
    kids.add(key.kid);
    if (PRIVATE_MEMBERS.some((m) => m in key))
      return `${at} holds private key material: register the public key only.`;
    if (key.kty === "RSA") {
      if (typeof key.n !== "string" || typeof key.e !== "string")
        return `${at} is an RSA key without "n" and "e".`;
      if (Buffer.from(key.n, "base64url").length * 8 < 2048)
        return `${at} is an RSA key shorter than 2048 bits.`;
      if (key.alg !== undefined && key.alg !== "RS384")
        return `${at}: an RSA key here signs with RS384, not ${key.alg}.`;
    } else if (key.kty === "EC") {
      if (key.crv !== "P-384" || typeof key.x !== "string" || typeof key.y !== "string")
        return `${at} is an EC key that is not P-384 with "x" and "y".`;
      if (key.alg !== undefined && key.alg !== "ES384")
        return `${at}: a P-384 key here signs with ES384, not ${key.alg}.`;
    } else return `${at} has kty ${JSON.stringify(key.kty)}: only RSA and EC keys sign here.`;
    if (key.use !== undefined && key.use !== "sig") return `${at} is not a signing key (use).`;
  }
  return null;
}

/** Only the public members of each key are kept, whatever else the JWKS carried. */
function publicJwks(jwks: JSONWebKeySet): JSONWebKeySet {
  const keep = ["kty", "kid", "alg", "use", "n", "e", "crv", "x", "y"] as const;
  return {
    keys: jwks.keys.map(
      (key) =>
        Object.fromEntries(keep.filter((k) => key[k] !== undefined).map((k) => [k, key[k]])) as JWK,
    ),
  };
}

export type Registration =
  | {
      ok: true;
      client: SmartClient;
      /**
       * The providers (NPIs) it acts for: it may $inquire for their PAS requests that another of
       * their systems sent (lib/pas/repository.ts inquiryMatches).
       */
      npis: string[];
      /** The hosts its Subscriptions' rest-hook endpoints may be on (lib/subscriptions). */
      notifyHosts: string[];
    }
  | { ok: false; problem: string };

/**
 * A host name as registered for notifications, or null when it is not one: a DNS name or an IP
 * address, without scheme, port, path or user (the endpoint's port is the client's choice).
 */
export function notifyHostOf(value: string): string | null {
  const host = value.trim().toLowerCase();
  if (host.length === 0 || host.length > 253 || /[\s/@:?#]/.test(host.replace(/^\[.*\]$/, "")))
    return null;
  if (!URL.canParse(`https://${host}/`)) return null;
  return new URL(`https://${host}/`).hostname === host ? host : null;
}

/** Registers a client (an administrator's act): its name, public JWKS and the scopes it may get. */
export async function registerClient(
  db: Db,
  input: {
    name: string;
    jwks: unknown;
    scopes: string;
    cdsIssuer?: string;
    npis?: string[];
    notifyHosts?: string[];
  },
  now = new Date(),
): Promise<Registration> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200)
    return { ok: false, problem: "The client's name must be 1 to 200 characters." };
  const problem = jwksProblem(input.jwks);
  if (problem) return { ok: false, problem };
  const scopes = scopeList(input.scopes);
  const unknown = scopes.filter((s) => !isScope(s));
  if (scopes.length === 0 || unknown.length)
    return {
      ok: false,
      problem: `Scopes must be among ${SUPPORTED_SCOPES.join(", ")}${unknown.length ? `, not ${unknown.join(", ")}` : ""}.`,
    };
  const cdsIssuer = input.cdsIssuer?.trim() || null;
  if (cdsIssuer !== null && (cdsIssuer.length > 500 || !URL.canParse(cdsIssuer)))
    return { ok: false, problem: "The CDS Hooks issuer must be a URI of at most 500 characters." };
  const npis = [...new Set((input.npis ?? []).map((n) => n.trim()))];
  const badNpi = npis.find((n) => !isValidNpi(n));
  if (badNpi !== undefined)
    return {
      ok: false,
      problem: `${JSON.stringify(badNpi.slice(0, 20))} is not an NPI: 10 digits whose last is the check digit.`,
    };
  const notifyHosts: string[] = [];
  for (const value of input.notifyHosts ?? []) {
    const host = notifyHostOf(value);
    if (host === null)
      return {
        ok: false,
        problem: `${JSON.stringify(value.slice(0, 100))} is not a host name: give the host of the endpoint alone (ehr.example.org), without https:// or a port.`,
      };
    if (!notifyHosts.includes(host)) notifyHosts.push(host);
  }
  const client: SmartClient = {
    id: randomUUID(),
    name,
    jwks: publicJwks(input.jwks as JSONWebKeySet),
    scopes: scopes as Scope[],
    cdsIssuer,
  };
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .insertInto("smart_clients")
      .values({
        client_id: client.id,
        name: client.name,
        jwks_json: JSON.stringify(client.jwks),
        scopes: client.scopes.join(" "),
        cds_issuer: client.cdsIssuer,
        created_at: now.toISOString(),
      })
      .execute();
    if (npis.length)
      await trx
        .insertInto("smart_client_npis")
        .values(npis.map((npi) => ({ client_id: client.id, npi, created_at: now.toISOString() })))
        .execute();
    if (notifyHosts.length)
      await trx
        .insertInto("smart_client_notify_hosts")
        .values(
          notifyHosts.map((host) => ({
            client_id: client.id,
            host,
            created_at: now.toISOString(),
          })),
        )
        .execute();
  });
  return { ok: true, client, npis, notifyHosts };
}

/**
 * The client an assertion's iss names: its client id, or for a CDS Hooks JWT (`cdsHooks`) also
 * the CDS issuer it was registered with.
 */
export async function findClient(
  db: Db,
  iss: string,
  { cdsHooks = false } = {},
): Promise<SmartClient | undefined> {
  if (iss.length === 0 || iss.length > 500) return undefined;
  const row = await db.kysely
    .selectFrom("smart_clients")
    .selectAll()
    .where((eb) =>
      cdsHooks
        ? eb.or([eb("client_id", "=", iss), eb("cds_issuer", "=", iss)])
        : eb("client_id", "=", iss),
    )
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return row
    ? {
        id: row.client_id,
        name: row.name,
        jwks: JSON.parse(row.jwks_json) as JSONWebKeySet,
        scopes: scopeList(row.scopes).filter(isScope),
        cdsIssuer: row.cds_issuer,
      }
    : undefined;
}

/** The names of these clients, by id: what the review pages and the audit trail show. */
export async function clientNames(db: Db, clientIds: Iterable<string>) {
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.kysely
    .selectFrom("smart_clients")
    .select(["client_id", "name"])
    .where("client_id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.client_id, r.name]));
}
