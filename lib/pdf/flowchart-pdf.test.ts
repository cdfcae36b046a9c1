import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateAuth } from "@/lib/auth/auth";
import { chartsFor, flowchartLayout } from "@/lib/policy/engine/flowchart";
import { findRequest, submitRequest } from "@/lib/requests/repository";
import { readingOfRequest } from "@/lib/server/reading-of-request";
import { ENGINES, type TestDatabase } from "@/test/databases";
import { pdfText } from "@/test/pdf-text";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { renderRequestSummary } from "./render-request-summary";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

const [, openSqlite] = ENGINES[0]!;
// Text extraction may break a line anywhere and joins the drawing's lines: compare letters only.
const letters = (text: string) => text.replace(/\s+/g, "");

const CASES = [
  {
    name: "a medically necessary DLI",
    answers: SAMPLE_SUBMISSION.answers,
    drawn: ["DLI coverage statement", "Every gate above met", "“No prior HSCT” or “Autologous"],
    notDrawn: ["HPC boost indication", "Donor chimerism below 100%"],
  },
  {
    name: "an HPC boost to enhance chimerism at 3% donor cells",
    answers: {
      service: "hpc-boost",
      priorTransplant: "allogeneic",
      sameDonor: true,
      preparativeRegimen: false,
      boostIndication: "enhance-chimerism",
      donorChimerismPercent: 3,
    },
    drawn: ["HPC boost indication", "Below 5%", "5% to below 100%", "“Enhance chimerism”"],
    notDrawn: ["Hematologic malignancy", "DLI indication", "DLI coverage statement"],
  },
] as const;

// Rendering takes a second or two alone, and much longer beside the rest of the suite.
describe(
  "the PDF's flowchart: the case's service's chart, every arrow labelled",
  { timeout: 60_000 },
  () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openSqlite();
      await migrateAuth(t.db);
    });
    afterAll(async () => {
      await t.drop();
    });

    it.each(CASES)("$name", async ({ answers, drawn, notDrawn }) => {
      const submitted = await submitRequest(
        t.db,
        "physician-1",
        { ...SAMPLE_SUBMISSION, answers },
        SAMPLE_POLICY,
        new Date("2026-11-26T10:00:00.000Z"),
      );
      if (!submitted.ok) throw new Error("the case must be complete");
      const request = (await findRequest(t.db, submitted.reference))!;
      const pdf = await renderRequestSummary(
        request,
        readingOfRequest(request),
        [],
        new Date("2026-11-26T11:30:00.000Z"),
      );
      const text = letters((await pdfText(pdf)).join(""));
      const start = text.indexOf(letters("Flowchart, with this case's path lit"));
      const chart = text.slice(start, text.indexOf(letters("Answers and the policy text")));
      expect(start).toBeGreaterThan(0);
      // Every box and arrow label of the engine's chart for this service, and nothing else's.
      const [layout] = chartsFor(flowchartLayout(SAMPLE_POLICY), request.evaluation);
      expect(layout!.branch?.value).toBe(answers.service);
      for (const gate of layout!.gates) {
        expect(chart).toContain(letters(`${gate.title}${gate.key}`));
        for (const o of gate.outcomes) expect(chart).toContain(letters(o.arrow.label + o.label));
        if (gate.next) expect(chart).toContain(letters(gate.next.label));
      }
      for (const words of drawn) expect(chart).toContain(letters(words));
      for (const words of notDrawn) expect(chart).not.toContain(letters(words));
    });
  },
);
