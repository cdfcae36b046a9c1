// The e2e server's SMART clients (e2e/ehr-clients.ts): registered on its database, with keys made
// at start and written to .e2e-clients/<port>.json for the tests.
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair } from "jose";
import type { Db } from "@/lib/db/database";
import { registerClient } from "@/lib/smart/clients";
import { EHR_CLIENTS, keysFile, type Keys } from "../e2e/ehr-clients";

/** Registers the test clients on the e2e server's database and writes their keys for the tests. */
export async function seedEhrClients(db: Db, port: string) {
  const keys: Record<string, Keys> = {};
  for (const [who, c] of Object.entries(EHR_CLIENTS)) {
    const kid = randomUUID();
    const { privateKey, publicKey } = await generateKeyPair(c.alg, { extractable: true });
    const registered = await registerClient(db, {
      name: c.name,
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: c.alg }] },
      scopes: c.scopes,
      npis: "npis" in c ? [...c.npis] : [],
      notifyHosts: "notifyHosts" in c ? [...c.notifyHosts] : [],
    });
    if (!registered.ok) throw new Error(registered.problem);
    keys[who] = {
      clientId: registered.client.id,
      kid,
      alg: c.alg,
      privateJwk: await exportJWK(privateKey),
    };
  }
  mkdirSync(".e2e-clients", { recursive: true });
  writeFileSync(keysFile(port), JSON.stringify(keys), { mode: 0o600 });
}
