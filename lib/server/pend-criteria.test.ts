import { beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "@/lib/policy/engine/evaluate";
import { reachedCriteria } from "@/lib/requests/pend-criteria";
import { decideRequest } from "@/lib/requests/transitions";
import { reviewer } from "@/test/actors";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { pendCriteriaIssues } from "./pend-criteria";

const REVIEWER = { id: "rev-a", role: "reviewer" as const };

describe.each(ENGINES)("criteria of a request for more information on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  let reference: string;
  beforeAll(async () => {
    const submitted = await submitRequest(t.db, "physician-1", SAMPLE_SUBMISSION, SAMPLE_POLICY);
    if (!submitted.ok) throw new Error("the sample does not submit");
    reference = submitted.reference;
  });

  it("takes the gates the case reached, and names every other string with the list to choose from", async () => {
    const reached = reachedCriteria(evaluate(SAMPLE_POLICY, SAMPLE_SUBMISSION.answers));
    expect(reached.length).toBeGreaterThan(1);
    expect(await pendCriteriaIssues(t.db, reference, reached, REVIEWER)).toEqual([]);
    const forged = [
      reached[0]!,
      "not a gate",
      ...Array.from({ length: 49 }, () => "x".repeat(200)),
    ];
    const issues = await pendCriteriaIssues(t.db, reference, forged, REVIEWER);
    expect(issues).toHaveLength(50);
    expect(issues[0]).toMatchObject({ path: "criteria.1" });
    expect(issues[0]!.message).toContain('"not a gate" is not a criterion this case reached');
    expect(issues[0]!.message).toContain(reached[0]!);
    // A gate of the policy the case never reached is refused too.
    const unreached = SAMPLE_POLICY.gates
      .map((g) => g.title)
      .filter((title) => !reached.includes(title));
    expect(unreached.length).toBeGreaterThan(0);
    expect(await pendCriteriaIssues(t.db, reference, unreached, REVIEWER)).toHaveLength(
      unreached.length,
    );
    // Refused before the step: the request is still pending at version 1.
    expect(await findRequest(t.db, reference)).toMatchObject({ status: "pending", version: 1 });
    expect(
      await decideRequest(t.db, {
        reference,
        expectedVersion: 1,
        action: "request-information",
        rationale: "Need the chimerism report.",
        actor: reviewer("rev-a"),
        policy: SAMPLE_POLICY,
        criteria: [reached[0]!],
      }),
    ).toMatchObject({ ok: true, status: "more-information" });
    // Pended already: the step itself says why not (409), not the criteria.
    expect(await pendCriteriaIssues(t.db, reference, ["not a gate"], REVIEWER)).toEqual([]);
  });
});
