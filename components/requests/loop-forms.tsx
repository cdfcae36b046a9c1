"use client";

import { useState } from "react";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { APPEAL_WINDOW_DAYS, MAX_EXTENSION_DAYS } from "@/lib/requests/state-machine";
import { textLabel } from "@/lib/validations/text-limits";
import { AnswerCorrections } from "./answer-corrections";
import { AttachmentInput } from "./attachment-input";
import { ChoiceField, NumberField, TextAreaField } from "./step-fields";
import { StepForm } from "./step-form";

// The forms of the review loop after the first decision, each posting one step of the state
// machine. The pages show a form only when the state machine offers its step to the reader.

interface Target {
  reference: string;
  version: number;
  /** Whether the state machine offers this step to the reader now. */
  open: boolean;
}

const FILES_BLOCKED = "Remove or replace the files named above; nothing was sent.";

export function ReplyForm({
  reference,
  version,
  open,
  policy,
  answers,
}: Target & { policy: PolicyRules; answers: Answers }) {
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  return (
    <StepForm
      open={open}
      reference={reference}
      step="reply"
      version={version}
      title="Reply with the information requested"
      submitLabel="Send reply"
      done="Reply sent: the request is back with the reviewer as information received."
      blocked={fileProblems.length ? FILES_BLOCKED : undefined}
    >
      {(errors) => (
        <>
          <TextAreaField
            id="reply-text"
            name="text"
            label={textLabel("Reply")}
            error={errors.text}
          />
          <AnswerCorrections policy={policy} answers={answers} errors={errors} />
          <AttachmentInput errors={errors} onProblems={setFileProblems} />
        </>
      )}
    </StepForm>
  );
}

export function WithdrawForm({ reference, version, open }: Target) {
  return (
    <StepForm
      open={open}
      reference={reference}
      step="withdrawal"
      version={version}
      title="Withdraw this request"
      submitLabel="Withdraw request"
      done="The request is withdrawn."
    >
      {(errors) => (
        <TextAreaField
          id="withdraw-reason"
          name="reason"
          label={textLabel("Reason for withdrawing")}
          error={errors.reason}
        />
      )}
    </StepForm>
  );
}

export function AppealForm({ reference, version, open }: Target) {
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  return (
    <StepForm
      open={open}
      reference={reference}
      step="appeal"
      version={version}
      title={`Appeal the denial (within ${APPEAL_WINDOW_DAYS} days of it)`}
      submitLabel="Send appeal"
      done="Appeal sent: a reviewer other than the one who denied will decide it."
      blocked={fileProblems.length ? FILES_BLOCKED : undefined}
    >
      {(errors) => (
        <>
          <TextAreaField
            id="appeal-reason"
            name="reason"
            label={textLabel("Reason for the appeal")}
            error={errors.reason}
          />
          <AttachmentInput errors={errors} onProblems={setFileProblems} />
        </>
      )}
    </StepForm>
  );
}

export function ExtensionForm({ reference, version, open }: Target) {
  return (
    <StepForm
      open={open}
      reference={reference}
      step="extension"
      version={version}
      title="Extend the due time (once, standard requests only)"
      submitLabel="Extend due time"
      done="The due time is extended."
    >
      {(errors) => (
        <>
          <NumberField
            id="extension-days"
            name="days"
            label={`Days to add (1 to ${MAX_EXTENSION_DAYS})`}
            min={1}
            max={MAX_EXTENSION_DAYS}
            error={errors.days}
          />
          <TextAreaField
            id="extension-reason"
            name="reason"
            label={textLabel("Reason for the extension")}
            error={errors.reason}
          />
        </>
      )}
    </StepForm>
  );
}

export function AppealDecisionForm({ reference, version, open }: Target) {
  return (
    <StepForm
      open={open}
      reference={reference}
      step="appeal-decision"
      version={version}
      title="Decide the appeal"
      submitLabel="Record appeal decision"
      done="Appeal decision saved."
    >
      {(errors) => (
        <>
          <ChoiceField
            id="appeal-outcome"
            name="outcome"
            legend="Appeal decision"
            error={errors.outcome}
            options={[
              { value: "uphold", label: "Uphold the denial" },
              { value: "overturn", label: "Overturn the denial (the request is approved)" },
            ]}
          />
          <TextAreaField
            id="appeal-rationale"
            name="rationale"
            label={textLabel("Rationale")}
            error={errors.rationale}
          />
        </>
      )}
    </StepForm>
  );
}
