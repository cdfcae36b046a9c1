// Registers a system for SMART Backend Services (an administrator's act):
//   npm run smart:client:add -- --name "Memorial EHR" --jwks ./memorial-jwks.json \
//     --scopes "system/Claim.write system/ClaimResponse.read" [--cds-issuer https://ehr.example/fhir] \
//     [--npi 1234567893 --npi …] [--notify-host ehr.example.org …]
// The JWKS holds the client's public keys (RS384 or ES384; never a private key). Prints the
// client id the system puts in its assertions (iss and sub). Each --npi registers a provider the
// system acts for: it may $inquire for that provider's PAS requests another of its systems sent,
// and subscribe to its own requests for it. Each --notify-host is a host its Subscriptions'
// rest-hook endpoints may be on (https; http only on a loopback host): notifications go nowhere else.
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
    "notify-host": { type: "string", multiple: true },
  },
});
if (!values.name || !values.jwks || !values.scopes) {
  console.error(
    `Usage: npm run smart:client:add -- --name <name> --jwks <public-jwks.json> --scopes "<${SUPPORTED_SCOPES.join(" ")}>" [--cds-issuer <uri>] [--npi <npi>]… [--notify-host <host>]…`,
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
    notifyHosts: values["notify-host"],
  });
  if (!result.ok) {
    console.error(`Not registered: ${result.problem}`);
    process.exitCode = 1;
  } else
    console.log(
      `Registered ${result.client.name}: client_id ${result.client.id}, scopes ${result.client.scopes.join(" ")}${result.npis.length ? `, inquires for NPI ${result.npis.join(", ")}` : ""}${result.notifyHosts.length ? `, notifies on ${result.notifyHosts.join(", ")}` : ""}.`,
    );
} finally {
  await db.close();
}
