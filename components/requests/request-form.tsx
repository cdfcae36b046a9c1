"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { clearDraft, loadDraft } from "@/lib/draft-storage";
import { evaluateToDecide } from "@/lib/policy/engine/evaluate";
import { gateName } from "@/lib/policy/engine/gate-name";
import type { Answers, PolicyRules } from "@/lib/policy/engine/types";
import { fieldErrors, type FieldErrors } from "@/lib/validations/field-errors";
import {
  requestSubmissionSchemaFor,
  REQUEST_FIELD_LABELS,
  REQUEST_FIELD_NAMES,
  type RequestFields,
} from "@/lib/validations/request-submission";
import { field, primaryButton } from "@/components/ui/styles";
import { DeterminationHeadline } from "@/components/wizard/determination-headline";
import { AttachmentInput } from "./attachment-input";
import { postMessage } from "./post-message";
import { FieldError } from "@/components/ui/field-error";
import { ErrorSummary, type FieldRef } from "@/components/ui/error-summary";
import { RETROSPECTIVE_LABEL, isPastServiceDate } from "@/lib/validations/service-date";
import { optionalTextLabel } from "@/lib/validations/text-limits";

type Fields = RequestFields & { retrospective?: boolean; attestation?: boolean };

const LABEL = REQUEST_FIELD_LABELS;

/** Each field by its name: its label and control, for the error summary. */
const FIELDS: Record<string, FieldRef> = {
  ...Object.fromEntries(
    REQUEST_FIELD_NAMES.map((name) => [name, { label: LABEL[name], id: name }]),
  ),
  retrospective: { label: "Retrospective request", id: "retrospective" },
  attestation: { label: "Attestation", id: "attestation" },
  files: { label: "Attachments", id: "attachments" },
  answers: { label: "Policy answers", id: "case-heading" },
};

const input = `${field} w-full`;

export function RequestForm({
  policy,
  defaultPhysician,
  wizardHref,
  submissionToken,
  ruleApproval = false,
}: {
  /** The policy version in force today, whose questionnaire the answers come from. */
  policy: PolicyRules;
  defaultPhysician: string;
  wizardHref: string;
  /** One per rendering of the page: the server stores one request per token. */
  submissionToken: string;
  /** Whether a rule may approve an attested, medically necessary request at once. */
  ruleApproval?: boolean;
}) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const [fileProblems, setFileProblems] = useState<string[]>([]);
  const { register, handleSubmit, control } = useForm<Fields>({
    defaultValues: { orderingPhysician: defaultPhysician, urgency: "standard", clinicalNotes: "" },
  });
  const serviceDate = useWatch({ control, name: "serviceDate" });

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the answers live in this browser's draft
    setAnswers(loadDraft(policy)?.answers ?? {});
  }, [policy]);

  if (answers === null) return <p className="mt-6">Loading the questionnaire answers…</p>;
  const read = evaluateToDecide(policy, answers);
  if (!read.ok)
    return (
      <p className="mt-6">
        The questionnaire is not finished: {read.next.reason}{" "}
        <Link href={wizardHref} prefetch={false} className="text-blue-800 underline">
          Go back to the questionnaire
        </Link>
        .
      </p>
    );
  const outcome = read.evaluation;

  const past =
    typeof serviceDate === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(serviceDate) &&
    isPastServiceDate(serviceDate);

  const submit = handleSubmit((fields, event) => {
    // The boxes are sent only when ticked: a retrospective request only for a past date.
    const { retrospective, attestation, ...rest } = fields;
    const payload = {
      ...rest,
      ...(retrospective && past ? { retrospective: true } : {}),
      ...(attestation && ruleApproval ? { attestation: true } : {}),
      policyId: policy.id,
      answers,
    };
    const checked = requestSubmissionSchemaFor(policy).safeParse(payload);
    setFormError(undefined);
    if (!checked.success) return setErrors(fieldErrors(checked.error.issues));
    setErrors({});
    if (fileProblems.length) return setFormError("Remove or replace the files named above.");
    const files = new FormData(event?.target as HTMLFormElement).getAll("files");
    startTransition(async () => {
      // Sent to the API's own route: the fields as JSON and the files beside them, stored in one
      // transaction. The form's one-time token is the idempotency key: a double click or a
      // resent form gets back the request the first one stored, never a second one.
      const form = new FormData();
      form.append("request", JSON.stringify(payload));
      for (const file of files)
        if (file instanceof File && (file.size > 0 || file.name)) form.append("files", file);
      const result = await postMessage<{ reference: string }>("/api/requests", form, {
        "Idempotency-Key": `form:${submissionToken}`,
      });
      if (result.ok) {
        clearDraft(policy);
        router.push(`/requests/${result.body.reference}`);
        return;
      }
      setErrors(result.errors);
      setFormError(result.formError);
    });
  });

  const textField = (
    name: keyof Fields,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
  ) => (
    <div>
      <label htmlFor={name} className="block font-medium">
        {label}
      </label>
      <input
        id={name}
        className={input}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        {...props}
        {...register(name)}
      />
      <FieldError id={`${name}-error`} error={errors[name]} />
    </div>
  );

  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4">
      <ErrorSummary errors={errors} fields={FIELDS} />
      <section aria-labelledby="case-heading" className="rounded border border-slate-300 p-3">
        <h2 id="case-heading" className="font-semibold">
          Policy answers
        </h2>
        <DeterminationHeadline policy={policy} evaluation={outcome} />
        <p className="mt-1">
          {gateName(outcome.decidedBy)}: {outcome.decidedBy.reason}
        </p>
      </section>
      {textField("patientName", LABEL.patientName, { autoComplete: "off" })}
      {textField("patientBirthDate", LABEL.patientBirthDate, { type: "date" })}
      {textField("memberId", LABEL.memberId, { autoComplete: "off" })}
      {textField("orderingPhysician", LABEL.orderingPhysician)}
      {textField("npi", `${LABEL.npi} (10 digits)`, { inputMode: "numeric", autoComplete: "off" })}
      {textField("serviceDate", LABEL.serviceDate, { type: "date" })}
      {past || errors.retrospective ? (
        <div className="rounded border-l-4 border-amber-700 bg-amber-50 p-3">
          <p id="retrospective-warning">
            This date is in the past. A request for a service already given is a retrospective
            request: the reviewer sees it flagged, and the decision covers that date. If the service
            has not been given yet, correct the date instead.
          </p>
          <label className="mt-2 flex gap-2">
            <input
              id="retrospective"
              type="checkbox"
              aria-describedby={`retrospective-warning${errors.retrospective ? " retrospective-error" : ""}`}
              {...register("retrospective")}
            />
            {RETROSPECTIVE_LABEL}
          </label>
          <FieldError id="retrospective-error" error={errors.retrospective} />
        </div>
      ) : null}
      <fieldset id="urgency">
        <legend className="font-medium">{LABEL.urgency}</legend>
        <label className="mt-1 flex gap-2">
          <input type="radio" value="standard" {...register("urgency")} /> Standard (decision within
          7 days)
        </label>
        <label className="flex gap-2">
          <input type="radio" value="expedited" {...register("urgency")} /> Expedited (decision
          within 72 hours)
        </label>
        <FieldError id="urgency-error" error={errors.urgency} />
      </fieldset>
      <div>
        <label htmlFor="clinicalNotes" className="block font-medium">
          {optionalTextLabel(LABEL.clinicalNotes)}
        </label>
        <textarea
          id="clinicalNotes"
          rows={6}
          className={input}
          aria-invalid={errors.clinicalNotes ? true : undefined}
          aria-describedby={errors.clinicalNotes ? "clinicalNotes-error" : undefined}
          {...register("clinicalNotes")}
        />
        <FieldError id="clinicalNotes-error" error={errors.clinicalNotes} />
      </div>
      <AttachmentInput id="attachments" errors={errors} onProblems={setFileProblems} />
      {ruleApproval ? (
        <div>
          <label className="flex gap-2">
            <input id="attestation" type="checkbox" {...register("attestation")} />I attest that
            these answers match the patient&apos;s medical record. (With this, a request the policy
            reads as medically necessary is approved by rule at once; otherwise a reviewer decides
            it.)
          </label>
          <FieldError id="attestation-error" error={errors.attestation} />
        </div>
      ) : null}
      {formError || errors[""] ? (
        <p role="alert" className="font-medium text-red-800">
          {formError ?? errors[""]}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        Submit request
      </button>
    </form>
  );
}
