"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type ReactNode } from "react";
import type { FieldErrors } from "@/lib/validations/field-errors";
import { ErrorSummary, type FieldRef } from "@/components/ui/error-summary";
import { primaryButton, secondaryButton } from "@/components/ui/styles";
import { postMessage } from "./post-message";

/**
 * One step of the review loop as a form: its fields (named as the API names them) are posted
 * with the version the page was read at to /api/requests/{reference}/{step}, the route
 * integrations use; the page is then read again. Errors come back by field: each is shown under
 * its control and in a summary that takes focus, and every field keeps what was entered (the
 * form is sent by script, never reset, until the step is saved).
 */
export function StepForm({
  reference,
  step,
  version,
  title,
  submitLabel,
  done,
  blocked,
  open,
  fields,
  confirm,
  children,
}: {
  reference: string;
  step: string;
  /** The version the page was read at; none for a form that is not a step of the state machine. */
  version?: number;
  title: string;
  submitLabel: string;
  /** Said once the step is saved. */
  done: string;
  /** A problem found in the browser (a wrong file) that stops the form from being sent. */
  blocked?: string;
  /**
   * Whether the state machine offers the step now. A closed form keeps its place (and with it
   * what it last said, "Reply sent"), so the page read again after a step still confirms it.
   */
  open: boolean;
  /** Each field by the API's name: its label and control, for the error summary. */
  fields: Record<string, FieldRef>;
  /**
   * For a step that cannot be undone: the question, with its consequence, asked before the form
   * is sent, and the answer that sends it.
   */
  confirm?: { question: string; yes: string; no: string };
  children: (errors: FieldErrors) => ReactNode;
}) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const headingId = `${step}-heading`;

  function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (blocked) return setMessage({ ok: false, text: blocked });
    if (confirm && !confirming) {
      setConfirming(true);
      // The question is read out where it appears, in place of the button that asked it.
      return requestAnimationFrame(() => questionRef.current?.focus());
    }
    setConfirming(false);
    const form = new FormData(formRef.current!);
    // Controls named "_…" only drive the page (a correction's radio buttons), never the step.
    for (const name of [...form.keys()]) if (name.startsWith("_")) form.delete(name);
    if (version !== undefined) form.set("expectedVersion", String(version));
    startTransition(async () => {
      const result = await postMessage(`/api/requests/${reference}/${step}`, form);
      if (result.ok) {
        setErrors({});
        setMessage({ ok: true, text: done });
        formRef.current?.reset();
        router.refresh();
        return;
      }
      setErrors(result.errors);
      // With fields to correct, the summary says it; otherwise the server's sentence (a refusal).
      setMessage(
        Object.keys(result.errors).length ? undefined : { ok: false, text: result.formError },
      );
    });
  }

  const status = (
    <div role="status">
      {message ? (
        <p className={`font-medium ${message.ok ? "text-green-800" : "text-red-800"}`}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
  if (!open) return message ? <div className="mt-4">{status}</div> : null;
  return (
    <form
      ref={formRef}
      onSubmit={send}
      noValidate
      aria-labelledby={headingId}
      className="mt-4 space-y-4 rounded border border-slate-300 p-4"
    >
      <h3 id={headingId} className="text-lg font-semibold">
        {title}
      </h3>
      <ErrorSummary errors={errors} fields={fields} />
      {children(errors)}
      {status}
      {confirm && confirming ? (
        <div
          role="group"
          aria-labelledby={`${step}-confirm`}
          className="rounded border-l-4 border-amber-700 bg-amber-50 p-3"
        >
          <p id={`${step}-confirm`} ref={questionRef} tabIndex={-1} className="font-medium">
            {confirm.question}
          </p>
          <div className="mt-2 flex flex-wrap gap-3">
            <button type="submit" disabled={pending} className={primaryButton}>
              {confirm.yes}
            </button>
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => submitRef.current?.focus());
              }}
            >
              {confirm.no}
            </button>
          </div>
        </div>
      ) : (
        <button ref={submitRef} type="submit" disabled={pending} className={primaryButton}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
