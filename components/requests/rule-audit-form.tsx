"use client";

import { textLabel } from "@/lib/validations/text-limits";
import { ChoiceField, TextAreaField } from "./step-fields";
import { StepForm } from "./step-form";

/** A reviewer's finding on one rule approval drawn for audit. */
export function RuleAuditForm({ reference }: { reference: string }) {
  const id = `audit-${reference}`;
  return (
    <StepForm
      open
      reference={reference}
      step="rule-audit"
      title={`Audit ${reference}`}
      submitLabel="Record finding"
      done="Finding recorded."
      fields={{
        agrees: { label: "Finding", id: `${id}-agrees` },
        note: { label: "Note", id: `${id}-note` },
      }}
    >
      {(errors) => (
        <>
          <ChoiceField
            id={`${id}-agrees`}
            name="agrees"
            legend="Finding"
            error={errors.agrees}
            options={[
              { value: "true", label: "The rule was right: the record supports the answers" },
              {
                value: "false",
                label: "The rule was wrong: the record does not support the answers",
              },
            ]}
          />
          <TextAreaField
            id={`${id}-note`}
            name="note"
            label={textLabel("Note")}
            error={errors.note}
          />
        </>
      )}
    </StepForm>
  );
}
