"use client";

import { useState } from "react";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { APPEAL_WINDOW_DAYS, MAX_EXTENSION_DAYS } from "@/lib/request-model/state-machine";
import { textLabel } from "@/lib/validations/text-limits";
import { AnswerCorrections } from "./answer-corrections";
import { AttachmentInput } from "./attachment-input";
import {
  AUTHORIZATION_FIELDS,
  AuthorizationFields,
  type AuthorizationDefaults,
} from "./authorization-fields";
import { ChoiceField, DateCorrectionField, NumberField, TextAreaField } from "./step-fields";
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
const FILES = { label: "Attachments", id: "attachments" };
const ANSWERS = { label: "Corrected answers", id: "answer-corrections" };

export function ReplyForm({
  reference,
  version,
  open,
  policy,
  answers,
  serviceDate,
}: Target & { policy: PolicyRules; answers: Answers; serviceDate: string }) {
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
      fields={{
        text: { label: "Reply", id: "reply-text" },
        answers: ANSWERS,
        serviceDate: { label: "Corrected planned date of service", id: "reply-service-date" },
        retrospective: { label: "Retrospective request", id: "reply-retrospective" },
        files: FILES,
      }}
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
          <DateCorrectionField id="reply" current={serviceDate} errors={errors} />
          <AttachmentInput id={FILES.id} errors={errors} onProblems={setFileProblems} />
        </>
      )}
    </StepForm>
  );
}

// What withdrawing does (the state machine: "withdrawn" is final, reached only before a decision).
const WITHDRAW_WHAT =
  "Withdrawing closes the request before any decision: it leaves the reviewers' queue, and it cannot be reopened, answered or appealed. To ask again, submit a new request.";
const WITHDRAW_CONSEQUENCE =
  "Withdraw this request? No decision will be made on it: the reviewers stop work on it, and it cannot be reopened, answered or appealed. You can submit a new request.";

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
      fields={{ reason: { label: "Reason for withdrawing", id: "withdraw-reason" } }}
      confirm={{ question: WITHDRAW_CONSEQUENCE, yes: "Yes, withdraw it", no: "Keep the request" }}
    >
      {(errors) => (
        <>
          <p className="text-sm">{WITHDRAW_WHAT}</p>
          <TextAreaField
            id="withdraw-reason"
            name="reason"
            label={textLabel("Reason for withdrawing")}
            error={errors.reason}
          />
        </>
      )}
    </StepForm>
  );
}

/** When a standard appeal would be due after the planned date of service. */
export interface ExpeditedOffer {
  standardDue: string;
  serviceDate: string;
}

export function AppealForm({
  reference,
  version,
  open,
  policy,
  answers,
  expeditedOffer,
  alreadyExpedited,
}: Target & {
  policy: PolicyRules;
  answers: Answers;
  /** Present when a standard appeal would fall due after the planned date. */
  expeditedOffer?: ExpeditedOffer;
  /** An expedited request's appeal is due in 72 hours anyway. */
  alreadyExpedited: boolean;
}) {
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  return (
    <StepForm
      open={open}
      reference={reference}
      step="appeal"
      version={version}
      title={`Appeal the denial (within ${APPEAL_WINDOW_DAYS} days of it)`}
      submitLabel="Send appeal"
      done="Appeal sent: a medical director other than the one who denied will decide it."
      blocked={fileProblems.length ? FILES_BLOCKED : undefined}
      fields={{
        reason: { label: "Reason for the appeal", id: "appeal-reason" },
        expedited: { label: "Expedited appeal", id: "appeal-expedited" },
        answers: ANSWERS,
        files: FILES,
      }}
    >
      {(errors) => (
        <>
          <TextAreaField
            id="appeal-reason"
            name="reason"
            label={textLabel("Reason for the appeal")}
            error={errors.reason}
          />
          {alreadyExpedited ? (
            <p className="text-sm">
              This request is expedited: its appeal is decided within 72 hours.
            </p>
          ) : (
            <div>
              {expeditedOffer ? (
                <p
                  id="appeal-expedited-why"
                  className="rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm"
                >
                  A standard appeal would be decided by {expeditedOffer.standardDue}, after the
                  planned date of service ({expeditedOffer.serviceDate}): ask for an expedited
                  appeal, decided within 72 hours.
                </p>
              ) : null}
              <label className="mt-1 flex gap-2">
                <input
                  id="appeal-expedited"
                  type="checkbox"
                  name="expedited"
                  value="true"
                  aria-describedby={expeditedOffer ? "appeal-expedited-why" : undefined}
                />
                Expedited appeal: decided within 72 hours instead of 30 days (waiting could
                seriously harm the patient&apos;s life, health or function)
              </label>
            </div>
          )}
          <AnswerCorrections policy={policy} answers={answers} errors={errors} />
          <AttachmentInput id={FILES.id} errors={errors} onProblems={setFileProblems} />
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
      fields={{
        days: { label: "Days to add", id: "extension-days" },
        reason: { label: "Reason for the extension", id: "extension-reason" },
      }}
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

export function AppealDecisionForm({
  reference,
  version,
  open,
  authorization,
}: Target & { authorization: AuthorizationDefaults }) {
  const [outcome, setOutcome] = useState<string>();
  return (
    <StepForm
      open={open}
      reference={reference}
      step="appeal-decision"
      version={version}
      title="Decide the appeal"
      submitLabel="Record appeal decision"
      done="Appeal decision saved."
      fields={{
        outcome: { label: "Appeal decision", id: "appeal-outcome" },
        rationale: { label: "Rationale", id: "appeal-rationale" },
        ...AUTHORIZATION_FIELDS,
      }}
    >
      {(errors) => (
        <>
          <ChoiceField
            id="appeal-outcome"
            name="outcome"
            legend="Appeal decision"
            error={errors.outcome}
            onChange={setOutcome}
            options={[
              { value: "uphold", label: "Uphold the denial" },
              { value: "overturn", label: "Overturn the denial (the request is approved)" },
            ]}
          />
          {outcome === "overturn" ? (
            <AuthorizationFields defaults={authorization} errors={errors} />
          ) : null}
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
