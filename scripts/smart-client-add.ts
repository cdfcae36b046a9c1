// Registers a system for SMART Backend Services (an administrator's act):
//   npm run smart:client:add -- --name "Memorial EHR" --jwks ./memorial-jwks.json \
//     --scopes "system/Claim.write system/ClaimResponse.read" [--cds-issuer https://ehr.example/fhir] \
//     [--npi 1234567893 --npi …]
// The JWKS holds the client's public keys (RS384 or ES384; never a private key). Prints the
// client id the system puts in its assertions (iss and sub). Each --npi registers a provider the
// system acts for: it may $inquire for that provider's PAS requests another of its systems sent.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { migrate, openDatabase } from "@/lib/db/database";
import { env } from "@/lib/env";
import { registerClient } from "@/lib/smart/clients";
import { SUPPORTED_SCOPES } from "@/lib/smart/scopes";

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    jwks: { type: "string" },
    scopes: { type: "string" },
    "cds-issuer": { type: "string" },
    npi: { type: "string", multiple: true },
  },
});
if (!values.name || !values.jwks || !values.scopes) {
  console.error(
    `Usage: npm run smart:client:add -- --name <name> --jwks <public-jwks.json> --scopes "<${SUPPORTED_SCOPES.join(" ")}>" [--cds-issuer <uri>] [--npi <npi>]…`,
  );
  process.exit(2);
}
let jwks: unknown;
try {
  jwks = JSON.parse(readFileSync(values.jwks, "utf8"));
} catch (error) {
  console.error(`Cannot read the JWKS: ${(error as Error).message}`);
  process.exit(2);
}
const db = openDatabase(env().DATABASE_URL);
try {
  await migrate(db);
  const result = await registerClient(db, {
    name: values.name,
    jwks,
    scopes: values.scopes,
    cdsIssuer: values["cds-issuer"],
    npis: values.npi,
  });
  if (!result.ok) {
    console.error(`Not registered: ${result.problem}`);
    process.exitCode = 1;
  } else
    console.log(
      `Registered ${result.client.name}: client_id ${result.client.id}, scopes ${result.client.scopes.join(" ")}${result.npis.length ? `, inquires for NPI ${result.npis.join(", ")}` : ""}.`,
    );
} finally {
  await db.close();
}
