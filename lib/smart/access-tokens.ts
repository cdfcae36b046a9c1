import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/database";
import { isScope, type Scope } from "./scopes";

// Access tokens are opaque: 256 random bits, stored only as their SHA-256. A token is therefore
// revoked by deleting its row (or its client), needs no signing key to keep or rotate, and every
// instance on the shared database accepts it; checking one is one indexed read, which every
// route that takes one does anyway to read requests.

/** SMART Backend Services: "access tokens … SHOULD have a lifetime of no more than five minutes". */
export const ACCESS_TOKEN_SECONDS = 300;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueAccessToken(
  db: Db,
  clientId: string,
  scopes: readonly Scope[],
  now = new Date(),
): Promise<{ token: string; expiresIn: number }> {
  const token = randomBytes(32).toString("base64url");
  await db.kysely
    .deleteFrom("smart_access_tokens")
    .where("expires_at", "<", now.toISOString())
    .execute();
  await db.kysely
    .insertInto("smart_access_tokens")
    .values({
      token_sha256: sha256(token),
      client_id: clientId,
      scopes: scopes.join(" "),
      expires_at: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return { token, expiresIn: ACCESS_TOKEN_SECONDS };
}

export interface TokenHolder {
  clientId: string;
  clientName: string;
  scopes: Scope[];
}

/** The client a live token was issued to, with its scopes; undefined for any other string. */
export async function readAccessToken(
  db: Db,
  token: string,
  now = new Date(),
): Promise<TokenHolder | undefined> {
  if (!/^[\w-]{43}$/.test(token)) return undefined;
  const row = await db.kysely
    .selectFrom("smart_access_tokens")
    .innerJoin("smart_clients", "smart_clients.client_id", "smart_access_tokens.client_id")
    .select(["smart_clients.client_id", "smart_clients.name", "smart_access_tokens.scopes"])
    .where("token_sha256", "=", sha256(token))
    .where("expires_at", ">", now.toISOString())
    .where("smart_clients.removed_at", "is", null)
    .executeTakeFirst();
  return row
    ? {
        clientId: row.client_id,
        clientName: row.name,
        scopes: row.scopes.split(" ").filter(isScope),
      }
    : undefined;
}
