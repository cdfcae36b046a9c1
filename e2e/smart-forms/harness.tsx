// Test-only (e2e/smart-forms.spec.ts): CSIRO Smart Forms, a second SDC form filler, renders the
// Questionnaire of our DTR package with its draft response, and a button reads the response it
// builds through POST /api/evaluate, as any form filler would. Bundled by esbuild at test time
// (build-harness.ts) and served to the page by the test: never part of the app's build.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { getResponse, SmartFormsRenderer } from "@aehrc/smart-forms-renderer";

type Props = Parameters<typeof SmartFormsRenderer>[0];
type Questionnaire = Props["questionnaire"];
type QuestionnaireResponse = NonNullable<Props["questionnaireResponse"]>;

function Harness(props: {
  questionnaire: Questionnaire;
  draft: QuestionnaireResponse;
  evaluateUrl: string;
}) {
  const [reading, setReading] = useState("");
  const read = () => evaluate().catch((error: Error) => setReading(`Failed: ${error.message}`));
  const evaluate = async () => {
    const response = await fetch(props.evaluateUrl, {
      method: "POST",
      headers: { "Content-Type": "application/fhir+json" },
      body: JSON.stringify(getResponse()),
    });
    const body = await response.json();
    setReading(
      response.ok
        ? `${body.label}. Decided at gate ${body.decidedBy.step}.`
        : `Refused: ${body.issue?.map((i: { diagnostics: string }) => i.diagnostics).join(" ")}`,
    );
  };
  return (
    <main>
      <SmartFormsRenderer questionnaire={props.questionnaire} questionnaireResponse={props.draft} />
      <button type="button" onClick={read}>
        Read the answers under the policy
      </button>
      <p role="status" aria-label="Reading">
        {reading}
      </p>
    </main>
  );
}

const root = createRoot(document.getElementById("root")!);
Object.assign(window, {
  renderPackage: (
    questionnaire: Questionnaire,
    draft: QuestionnaireResponse,
    evaluateUrl: string,
  ) =>
    root.render(<Harness questionnaire={questionnaire} draft={draft} evaluateUrl={evaluateUrl} />),
});
