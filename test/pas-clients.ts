import type { Db } from "@/lib/db/database";
import { submitOverPas } from "@/lib/pas/repository";
import { pasRequestBundle } from "@/lib/pas/request-bundle";
import { mapSubmitBundle } from "@/lib/pas/submit-bundle";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import type { TokenHolder } from "@/lib/smart/access-tokens";
import { registerClient } from "@/lib/smart/clients";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { SAMPLE_POLICY } from "./sample-submission";
import { testKey } from "./smart-keys";

// EHR clients and their PAS requests, for the repository tests of what follows a $submit (CDex,
// subscriptions): registered and submitted as the routes do, on the test's own database.

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

/** Registers one client per name, each with `registration`'s scopes, NPIs and hosts. */
export async function registerEhrClients(
  db: Db,
  names: readonly string[],
  registration: { scopes: string; npis: string[]; notifyHosts?: string[] },
): Promise<TokenHolder[]> {
  const key = await testKey("ES384");
  const holders: TokenHolder[] = [];
  for (const name of names) {
    const r = await registerClient(db, { name, jwks: { keys: [key.publicJwk] }, ...registration });
    if (!r.ok) throw new Error(r.problem);
    holders.push({ clientId: r.client.id, clientName: name, scopes: r.client.scopes });
  }
  return holders;
}

let n = 0;

/** `submission` as a PAS Bundle for CPT 38242 from `holder`, mapped and stored as $submit does. */
export async function submitSampleOverPas(
  db: Db,
  holder: TokenHolder,
  submission: RequestSubmission,
) {
  const mapped = mapSubmitBundle(
    pasRequestBundle(SAMPLE_POLICY, BASE, {
      ...submission,
      cpt: "38242",
      transactionId: `T-${submission.memberId}`,
      claimId: `C-${submission.memberId}`,
      uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    }),
    registry,
    BASE,
  );
  if (!mapped.ok) throw new Error("the sample bundle does not map");
  const submitted = await submitOverPas(db, holder, submission, SAMPLE_POLICY, mapped.value.parts);
  if (!submitted.ok) throw new Error(`not submitted: ${submitted.reason}`);
  return submitted;
}
