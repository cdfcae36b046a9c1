import "server-only";
import { recordAudit } from "@/lib/audit/audit-log";
import type { Role } from "@/lib/request-model/roles";
import type { Db } from "@/lib/db/database";
import { canRead, leavesViewRow } from "@/lib/request-model/access";
import { physicianView, type HistoryEntry } from "@/lib/requests/case-history";
import { stepContext } from "@/lib/requests/open-steps";
import { readRequest } from "@/lib/requests/repository";
import type { StoredRequest } from "@/lib/requests/request-row";
import { stepsOpen, type Step, type StepContext } from "@/lib/request-model/state-machine";
import { caseFile, type CaseFile } from "./case-file";
import { policyOfRequest } from "./policies";

/** Who opens a case: the signed-in account. */
export interface CaseReader {
  id: string;
  role: Role;
  specialty?: string | null;
}

/**
 * Why a case is opened: to read it (a page, the JSON API: a reviewer's read leaves a "viewed"
 * audit row) or to take it out of the product (a PDF, a FHIR export, a file: the caller audits
 * the export once it exists, so nothing is written here).
 */
export type CasePurpose = "read" | "export";

export interface OpenCase extends CaseFile {
  request: StoredRequest;
  /** The reviewer's drafted denial a medical director decides on; never on a physician's view. */
  recommendedDenial: Exclude<HistoryEntry, { kind: "decision" }> | undefined;
  /** What the state machine reads of this case for this reader, the denial found once in it. */
  context: StepContext;
  /** The steps this reader may take now: the forms a page offers, the API's "steps". */
  steps: Step[];
}

/** A case this reader may not read is answered exactly like one that does not exist. */
export type CaseOpening = { ok: true; case: OpenCase } | { ok: false; reason: "not-found" };

/**
 * Opens a request for one reader: the one place that loads a case for the pages, the JSON API,
 * the PDF, the FHIR export and the files. Applies the read rule (lib/request-model/access.ts),
 * writes a reviewer's "viewed" row with the read in one transaction, reads the stored answers
 * through the schema of the policy version the case is judged under, and gives the history as
 * this reader may see it with the steps open to them.
 */
export async function openCase(
  db: Db,
  reference: string,
  user: CaseReader,
  purpose: CasePurpose,
  now = new Date(),
): Promise<CaseOpening> {
  const request = await db.kysely.transaction().execute(async (trx) => {
    const found = await readRequest(trx, reference, policyOfRequest);
    if (!found || !canRead(user, found)) return undefined;
    if (purpose === "read" && leavesViewRow(user))
      await recordAudit(trx, {
        actorId: user.id,
        action: "request.viewed",
        requestReference: reference,
      });
    return found;
  });
  if (!request) return { ok: false, reason: "not-found" };
  const file = await caseFile(db, request);
  const history = user.role === "physician" ? physicianView(file.history) : file.history;
  const context = stepContext(request, history.entries, user, file.policy, now);
  const recommended =
    request.status === "awaiting-medical-director"
      ? history.entries.findLast((e) => e.kind === "denial-recommended" && e.body !== "")
      : undefined;
  return {
    ok: true,
    case: {
      ...file,
      history,
      request,
      recommendedDenial: recommended?.kind === "decision" ? undefined : recommended,
      context,
      steps: stepsOpen(request.status, context),
    },
  };
}
