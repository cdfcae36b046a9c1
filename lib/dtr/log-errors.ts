import { Problems } from "@/lib/pas/bundle";
import { isObject } from "@/lib/http/parse-json";

// Pure: the input of DTR's Questionnaire/$log-questionnaire-errors (DTR STU 2.1: a Questionnaire
// canonical and an OperationOutcome), read into what is recorded of it. DTR says the outcome
// SHALL NOT carry patient data, but nothing proves it does not: only the canonical, the number
// of issues and their severities and codes (FHIR value sets, never free text) are kept.

const SEVERITIES = ["fatal", "error", "warning", "information"];
const CODE = /^[a-z-]{1,40}$/;
const MAX_ISSUES = 200;

export interface ReportedErrors {
  questionnaire: string;
  path: string;
  issues: number;
  /** "error:2 warning:1". */
  severities: string;
  /** The issue codes, each once: "invalid required". */
  codes: string;
}

export type ReadErrors = { ok: true; report: ReportedErrors } | { ok: false; problems: Problems };

export function readLogErrorsInput(body: unknown): ReadErrors {
  const problems = new Problems();
  const fail = () => ({ ok: false as const, problems });
  if (!isObject(body) || body.resourceType !== "Parameters" || !Array.isArray(body.parameter)) {
    problems.add(
      "Parameters",
      "the body must be a Parameters resource with a questionnaire and an operationOutcome",
      "structure",
    );
    return fail();
  }
  const questionnaires: { canonical: string; path: string }[] = [];
  const outcomes: Record<string, unknown>[] = [];
  body.parameter.slice(0, 20).forEach((parameter: unknown, i) => {
    const at = `Parameters.parameter[${i}]`;
    const name = isObject(parameter) && typeof parameter.name === "string" ? parameter.name : null;
    // The OperationDefinition spells them Questionnaire and OperationOutcome, the profile
    // questionnaire and operationOutcome: either is read.
    if (name?.toLowerCase() === "questionnaire") {
      const canonical = (parameter as Record<string, unknown>).valueCanonical;
      if (typeof canonical !== "string" || canonical.length === 0 || canonical.length > 1000)
        return problems.add(
          `${at}.valueCanonical`,
          "must be the Questionnaire's canonical URL, with |version",
          "required",
        );
      return questionnaires.push({ canonical, path: `${at}.valueCanonical` });
    }
    if (name?.toLowerCase() === "operationoutcome") {
      const resource = (parameter as Record<string, unknown>).resource;
      if (!isObject(resource) || resource.resourceType !== "OperationOutcome")
        return problems.add(`${at}.resource`, "must be an OperationOutcome resource", "structure");
      if (!Array.isArray(resource.issue) || resource.issue.length === 0)
        return problems.add(`${at}.resource.issue`, "must list at least one issue", "required");
      if (resource.issue.length > MAX_ISSUES)
        return problems.add(`${at}.resource.issue`, `at most ${MAX_ISSUES} issues`, "too-costly");
      resource.issue.forEach((entry: unknown, j) => {
        const path = `${at}.resource.issue[${j}]`;
        if (
          !isObject(entry) ||
          typeof entry.severity !== "string" ||
          !SEVERITIES.includes(entry.severity)
        )
          problems.add(`${path}.severity`, `must be one of ${SEVERITIES.join(", ")}`);
        else if (typeof entry.code !== "string" || !CODE.test(entry.code))
          problems.add(`${path}.code`, "must be an issue type code (invalid, required, …)");
      });
      return outcomes.push(resource);
    }
    problems.add(
      at,
      "must be questionnaire (a canonical) or operationOutcome (an OperationOutcome)",
      "not-supported",
    );
  });
  if (body.parameter.length > 20)
    problems.add("Parameters.parameter", "at most 20 parameters", "too-costly");
  if (questionnaires.length !== 1)
    problems.add(
      "Parameters.parameter",
      "name exactly one questionnaire: the canonical of the Questionnaire the errors are about",
      "required",
    );
  if (outcomes.length !== 1)
    problems.add(
      "Parameters.parameter",
      "send exactly one operationOutcome: the OperationOutcome listing the errors",
      "required",
    );
  if (problems.any) return fail();
  const issues = outcomes[0]!.issue as { severity: string; code: string }[];
  const count = new Map<string, number>();
  for (const i of issues) count.set(i.severity, (count.get(i.severity) ?? 0) + 1);
  return {
    ok: true,
    report: {
      questionnaire: questionnaires[0]!.canonical,
      path: questionnaires[0]!.path,
      issues: issues.length,
      severities: [...count].map(([s, n]) => `${s}:${n}`).join(" "),
      codes: [...new Set(issues.map((i) => i.code))].join(" "),
    },
  };
}
