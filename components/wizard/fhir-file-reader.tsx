"use client";

import { useId, useState } from "react";
import type { Answers } from "@/lib/policy/engine/types";

/** Prefills the answers from a FHIR QuestionnaireResponse file exported by an EHR. */
export function FhirFileReader({
  policyId,
  onImport,
}: {
  policyId: string;
  onImport: (answers: Answers) => void;
}) {
  const id = useId();
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] }>();

  // The server reads the resource (lib/fhir), so the FHIR code stays out of this page's script.
  async function read(file: File) {
    const response = await fetch(`/api/fhir/answers?policy=${encodeURIComponent(policyId)}`, {
      method: "POST",
      headers: { "Content-Type": "application/fhir+json" },
      body: await file.text(),
    });
    const body = (await response.json()) as {
      answers?: Answers;
      error?: string;
      issue?: { expression?: string[]; diagnostics?: string }[];
    };
    if (!body.answers)
      return setMessage({
        ok: false,
        lines: body.issue?.map((i) => `${i.expression?.[0] ?? ""}: ${i.diagnostics ?? ""}`) ?? [
          body.error ?? `${file.name} could not be read.`,
        ],
      });
    onImport(body.answers);
    setMessage({
      ok: true,
      lines: [`Imported ${Object.keys(body.answers).length} answers from ${file.name}.`],
    });
  }

  return (
    <>
      <label htmlFor={id} className="mt-2 block font-medium">
        Answers exported by an EHR as a FHIR QuestionnaireResponse (.json)
      </label>
      <input
        id={id}
        type="file"
        accept=".json,application/json,application/fhir+json"
        className="mt-1 block"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void read(file);
          e.target.value = "";
        }}
      />
      <div role="status" className={message?.ok === false ? "mt-1 text-red-800" : "mt-1"}>
        {message ? (
          <ul>
            {message.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}
