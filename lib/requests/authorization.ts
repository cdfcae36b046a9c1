import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { MAX_UNITS, reviewSettingsOf } from "@/lib/request-model/review-settings";
import { serviceOf } from "./service";

// What an approval authorizes (CMS-0057-F: the approval says when the authorization ends): the
// service and its CPT code, how many units, and the days it is valid: from the planned date of
// service (a retrospective request's past date) for the policy's number of days, which the
// decider may shorten, never lengthen.

/** What the decider may set; anything left out takes the policy's default. */
export interface AuthorizationTerms {
  /** YYYY-MM-DD, the last day authorized. */
  validTo?: string;
  units?: number;
}

export interface AuthorizationGrant {
  service: string;
  cpt: string;
  units: number;
  validFrom: string;
  validTo: string;
}

/** An authorization as it is stored and shown. */
export interface AuthorizationRecord extends AuthorizationGrant {
  number: string;
  issuedAt: string;
  issuedBy: string;
  byRule: boolean;
}

const DAY = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);

/** The last day an approval may authorize by default: the start and the policy's days after it. */
export const defaultValidTo = (policyId: string, validFrom: string) =>
  addDays(validFrom, reviewSettingsOf(policyId).authorizationDays - 1);

/** The number of days from `from` to `to`, both included. */
export const daysIncluded = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;

/** The grant an approval of this request makes, or what is wrong with the decider's terms. */
export function authorizationGrant(
  policy: Pick<PolicyRules, "id" | "questions" | "meta">,
  request: { serviceDate: string; answers: Answers },
  terms: AuthorizationTerms = {},
): { ok: true; grant: AuthorizationGrant } | { ok: false; issues: FieldIssue[] } {
  const service = serviceOf(policy, request.answers);
  const validFrom = request.serviceDate;
  const latest = defaultValidTo(policy.id, validFrom);
  const validTo = terms.validTo ?? latest;
  const units = terms.units ?? 1;
  const issues: FieldIssue[] = [];
  if (!service)
    issues.push({ path: "answers", message: "The answers name no service to authorize" });
  if (validTo < validFrom)
    issues.push({
      path: "validTo",
      message: `The authorization cannot end before it starts, on the planned date of service (${validFrom})`,
    });
  else if (validTo > latest)
    issues.push({
      path: "validTo",
      message: `The authorization may end on ${latest} at the latest (${reviewSettingsOf(policy.id).authorizationDays} days from the planned date of service); it may be shortened, not lengthened`,
    });
  if (!Number.isInteger(units) || units < 1 || units > MAX_UNITS)
    issues.push({ path: "units", message: `Units must be a whole number from 1 to ${MAX_UNITS}` });
  if (issues.length || !service) return { ok: false, issues };
  return {
    ok: true,
    grant: { service: service.label, cpt: service.cpt, units, validFrom, validTo },
  };
}

/** The authorization as label and value, the same on both pages and in the PDF. */
export function authorizationRows(
  record: AuthorizationRecord,
  /** Who issued it, named: "Dr. Dee (medical director)", or how: "by rule". */
  issuedBy: string,
): [string, string][] {
  return [
    ["Authorization number", record.number],
    ["Service", `${record.service}, CPT ${record.cpt}`],
    ["Units", String(record.units)],
    [
      "Valid",
      `${record.validFrom} to ${record.validTo} (${daysIncluded(record.validFrom, record.validTo)} days, both included)`,
    ],
    ["Issued", `${record.issuedAt.slice(0, 10)} by ${issuedBy}`],
  ];
}
