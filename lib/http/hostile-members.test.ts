import { describe, expect, it } from "vitest";
import { cdsService } from "@/lib/cds-hooks/services";
import { parseHookRequest } from "@/lib/cds-hooks/hook-request";
import { readSubmitAttachment } from "@/lib/cdex/submit-attachment-input";
import { readLogErrorsInput } from "@/lib/dtr/log-errors";
import { readPackageInput } from "@/lib/dtr/package-input";
import { answersFromResponse, answersToResponse } from "@/lib/fhir/questionnaire-response";
import { readClaimBundle } from "@/lib/pas/claim-bundle";
import { Problems } from "@/lib/pas/bundle";
import { mapSubmitBundle } from "@/lib/pas/submit-bundle";
import { createRegistry, PRODUCT_POLICIES } from "@/lib/policy/registry";
import { parseSubmission } from "@/lib/server/parse-submission";
import {
  hookRequest,
  packageCoverage,
  packageOrder,
  packageParameters,
  SAMPLE_PDF,
  submitAttachmentParameters,
  submitBundle,
} from "@/test/ehr-samples";
import { memberPaths, withMember } from "@/test/json-members";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";

// Every reader of a machine's body, given its valid input with one member, at every position in
// turn, replaced by each of a few values a parser must not trip on. None may throw: a throw is a
// 500 at the route. (The e2e sweeps send random ones to the running server; this walks them all.
// It began with an order whose resourceType was [{"toString": "…"}]: String() of it throws.)

const BASE = "https://pa.example.org/api/fhir";
const registry = createRegistry(PRODUCT_POLICIES);

/** Values as a JSON body can carry them, each odd for a parser in its own way. */
const POISON: unknown[] = JSON.parse(
  JSON.stringify([
    { toString: "x" },
    [{ toString: "x" }],
    { valueOf: "x", toString: "y" },
    {},
    [],
    null,
    true,
    -1,
    1e308,
    "",
    "x".repeat(5_000),
    [[[[]]]],
    { length: 1e9 },
  ]),
).concat([JSON.parse('{"__proto__": {"polluted": 1}}')]);

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

const READERS: [string, unknown, (body: unknown) => unknown][] = [
  [
    "PAS $submit (mapSubmitBundle)",
    json(submitBundle({ appUrl: "https://pa.example.org" })),
    (body) => mapSubmitBundle(body, registry, BASE),
  ],
  [
    "PAS $inquire (readClaimBundle)",
    json(submitBundle({ appUrl: "https://pa.example.org" })),
    (body) => readClaimBundle(body, new Problems(), { requireClaimIdentifier: false }),
  ],
  [
    "CDex $submit-attachment",
    json(
      submitAttachmentParameters({
        trackingId: "pend-1",
        memberId: "M-1001",
        final: true,
        documents: [{ contentType: "application/pdf", data: SAMPLE_PDF, title: "Pathology" }],
        responses: [{ resourceType: "QuestionnaireResponse", status: "completed", item: [] }],
      }),
    ),
    readSubmitAttachment,
  ],
  [
    "CDS Hooks order-sign",
    json(hookRequest()),
    (body) => parseHookRequest(cdsService("coverage-order-sign")!, body),
  ],
  [
    "DTR $questionnaire-package",
    json(
      packageParameters(
        packageCoverage,
        packageOrder(),
        { name: "questionnaire", valueCanonical: `${BASE}/Questionnaire/coverage-policy-0261` },
        { name: "changedsince", valueInstant: "2020-01-01T00:00:00Z" },
        { name: "context", valueString: "dtr-1" },
      ),
    ),
    readPackageInput,
  ],
  [
    "DTR $log-questionnaire-errors",
    json({
      resourceType: "Parameters",
      parameter: [
        { name: "Questionnaire", valueCanonical: `${BASE}/Questionnaire/coverage-policy-0261` },
        {
          name: "OperationOutcome",
          resource: {
            resourceType: "OperationOutcome",
            issue: [{ severity: "error", code: "invalid" }],
          },
        },
      ],
    }),
    readLogErrorsInput,
  ],
  [
    "a QuestionnaireResponse's answers",
    json(answersToResponse(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers, "completed", BASE)),
    (body) => answersFromResponse(SAMPLE_POLICY, body as never, BASE),
  ],
  ["the JSON API's submission", json(SAMPLE_SUBMISSION), (body) => parseSubmission(body, registry)],
];

describe("a machine's body with any one member made hostile", () => {
  it.each(READERS)(
    "%s: every member, every value, refused or read, never thrown",
    (_, valid, read) => {
      const thrown: string[] = [];
      const at = memberPaths(valid);
      expect(at.length).toBeGreaterThan(5);
      for (const path of at)
        for (const value of POISON)
          try {
            read(withMember(valid, path, value));
          } catch (error) {
            thrown.push(
              `${path.join(".")} = ${JSON.stringify(value).slice(0, 40)}: ${String(error)}`,
            );
          }
      expect(thrown).toEqual([]);
    },
  );
});
