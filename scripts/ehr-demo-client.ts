// A demo EHR client for the README's curl examples, against `npm start` (APP_URL, default
// http://localhost:3000). curl cannot sign a JWT, so this does:
//   npm run ehr:demo-client             registers the demo client once (its ES384 key is kept in
//                                       data/ehr-demo-client.json), writes sample bodies to
//                                       data/ehr-demo/ and prints the commands to paste
//   npm run -s ehr:demo-client -- assertion    a fresh client assertion for POST /api/auth/token
//   npm run -s ehr:demo-client -- hook-jwt     a fresh CDS Hooks JWT for coverage-order-sign
// Each JWT is good for one use within four minutes.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";
import { findClient, registerClient } from "@/lib/smart/clients";
import { hookRequest, inquireBundle, submitBundle } from "../test/ehr-samples";

const STATE = "data/ehr-demo-client.json";
const SAMPLES = "data/ehr-demo";
const appUrl = env().APP_URL.replace(/\/+$/, "");
const tokenUrl = `${appUrl}/api/auth/token`;
const hookUrl = `${appUrl}/cds-services/coverage-order-sign`;

interface State {
  clientId: string;
  kid: string;
  privateJwk: JWK;
}

async function ensureClient(): Promise<State> {
  const db = openDatabase(env().DATABASE_URL);
  try {
    await migrate(db);
    if (existsSync(STATE)) {
      const state = JSON.parse(readFileSync(STATE, "utf8")) as State;
      if (await findClient(db, state.clientId)) return state;
    }
    const kid = randomUUID();
    const { privateKey, publicKey } = await generateKeyPair("ES384", { extractable: true });
    const result = await registerClient(db, {
      name: "Demo EHR",
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: "ES384", use: "sig" }] },
      scopes: "system/Claim.write system/ClaimResponse.read",
    });
    if (!result.ok) throw new Error(result.problem);
    const state = { clientId: result.client.id, kid, privateJwk: await exportJWK(privateKey) };
    mkdirSync("data", { recursive: true });
    writeFileSync(STATE, JSON.stringify(state, null, 2), { mode: 0o600 });
    return state;
  } finally {
    await db.close();
  }
}

async function sign(state: State, audience: string) {
  const key = await importJWK(state.privateJwk, "ES384");
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES384", kid: state.kid, typ: "JWT" })
    .setIssuer(state.clientId)
    .setSubject(state.clientId)
    .setAudience(audience)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime("4m")
    .sign(key);
}

const state = await ensureClient();
const command = process.argv[2];
if (command === "assertion") console.log(await sign(state, tokenUrl));
else if (command === "hook-jwt") console.log(await sign(state, hookUrl));
else {
  mkdirSync(SAMPLES, { recursive: true });
  const transactionId = `demo-${Date.now()}`;
  writeFileSync(`${SAMPLES}/order-sign.json`, JSON.stringify(hookRequest(), null, 2));
  writeFileSync(
    `${SAMPLES}/submit.json`,
    JSON.stringify(submitBundle({ appUrl, transactionId }), null, 2),
  );
  writeFileSync(
    `${SAMPLES}/inquire.json`,
    JSON.stringify(inquireBundle({ appUrl, claimId: `claim-${transactionId}` }), null, 2),
  );
  console.log(`Demo EHR client ${state.clientId} is registered (key in ${STATE}).
Sample bodies are in ${SAMPLES}/. Paste these (each JWT works once, for four minutes):

TOKEN=$(curl -s ${tokenUrl} -d grant_type=client_credentials \\
  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \\
  -d "client_assertion=$(npm run -s ehr:demo-client -- assertion)" \\
  --data-urlencode "scope=system/Claim.write system/ClaimResponse.read" | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')

curl -s ${hookUrl} -H "Authorization: Bearer $(npm run -s ehr:demo-client -- hook-jwt)" \\
  -H 'content-type: application/json' -d @${SAMPLES}/order-sign.json

curl -s '${appUrl}/api/fhir/Claim/$submit' -H "Authorization: Bearer $TOKEN" \\
  -H 'content-type: application/fhir+json' -d @${SAMPLES}/submit.json

curl -s '${appUrl}/api/fhir/Claim/$inquire' -H "Authorization: Bearer $TOKEN" \\
  -H 'content-type: application/fhir+json' -d @${SAMPLES}/inquire.json`);
}
