"use client";

import { lazy, Suspense, useState } from "react";
import type { Answers } from "@/lib/policy/engine/types";

// Loaded when a physician first opens the disclosure: the file reader stays out of the page's
// first load.
const FhirFileReader = lazy(() =>
  import("./fhir-file-reader").then((m) => ({ default: m.FhirFileReader })),
);

/**
 * Answers from a FHIR QuestionnaireResponse file, out of the way of the questions: most
 * physicians answer them; a file from an EHR is the exception.
 */
export function FhirImport(props: { policyId: string; onImport: (answers: Answers) => void }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="mt-6 text-sm print:hidden"
      onToggle={(e) => {
        if (e.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="cursor-pointer text-blue-800 underline">Import from a FHIR file</summary>
      {opened ? (
        <Suspense fallback={<p className="mt-2">Loading…</p>}>
          <FhirFileReader {...props} />
        </Suspense>
      ) : null}
    </details>
  );
}
