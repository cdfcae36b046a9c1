"use client";

import { useState, type ReactNode } from "react";
import { field } from "@/components/ui/styles";
import { FieldError } from "@/components/ui/field-error";
import { RETROSPECTIVE_LABEL, isPastServiceDate } from "@/lib/validations/service-date";

// The fields of the review loop's forms: a label, the control, and the server's error for it.

export function TextAreaField({
  id,
  name,
  label,
  error,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  error?: string;
  defaultValue?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={5}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${field} w-full`}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function NumberField({
  id,
  name,
  label,
  min,
  max,
  error,
}: {
  id: string;
  name: string;
  label: string;
  min: number;
  max: number;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${field} w-24`}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export function ChoiceField({
  id,
  name,
  legend,
  options,
  error,
  multiple = false,
  onChange,
  children,
}: {
  id: string;
  name: string;
  legend: string;
  options: readonly { value: string; label: ReactNode }[];
  error?: string;
  /** Checkboxes (several may be chosen) instead of radio buttons. */
  multiple?: boolean;
  /** Told the value of the option just chosen. */
  onChange?: (value: string) => void;
  children?: ReactNode;
}) {
  return (
    <fieldset id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      {children}
      {options.map((option) => (
        <label key={option.value} className="mt-1 flex gap-2">
          <input
            type={multiple ? "checkbox" : "radio"}
            name={name}
            value={option.value}
            onChange={() => onChange?.(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

/**
 * The planned date of service, corrected in a message (left empty: unchanged). A date in the past
 * is taken only as a retrospective request: the box to say so, and a warning, appear with it.
 */
export function DateCorrectionField({
  id,
  current,
  errors,
}: {
  id: string;
  current: string;
  errors: Record<string, string>;
}) {
  const [date, setDate] = useState("");
  const past = date !== "" && isPastServiceDate(date);
  return (
    <fieldset className="rounded border border-slate-300 p-3">
      <legend className="px-1 font-medium">Correct the planned date of service (optional)</legend>
      <p className="text-sm text-slate-700">Now {current}; leave the date empty to keep it.</p>
      <label htmlFor={`${id}-service-date`} className="mt-2 block">
        Corrected planned date of service
      </label>
      <input
        id={`${id}-service-date`}
        // Sent only when given: an empty date keeps the request's own.
        name={date ? "serviceDate" : undefined}
        type="date"
        value={date}
        onChange={(e) => setDate(e.target.value)}
        aria-invalid={errors.serviceDate ? true : undefined}
        aria-describedby={errors.serviceDate ? `${id}-service-date-error` : undefined}
        className={field}
      />
      <FieldError id={`${id}-service-date-error`} error={errors.serviceDate} />
      {past || errors.retrospective ? (
        <div className="mt-2">
          <p className="rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm">
            This date is in the past: the reviewer will see the request flagged as retrospective.
          </p>
          <label className="mt-1 flex gap-2">
            <input
              id={`${id}-retrospective`}
              type="checkbox"
              name="retrospective"
              value="true"
              aria-invalid={errors.retrospective ? true : undefined}
              aria-describedby={errors.retrospective ? `${id}-retrospective-error` : undefined}
            />
            {RETROSPECTIVE_LABEL}
          </label>
          <FieldError id={`${id}-retrospective-error`} error={errors.retrospective} />
        </div>
      ) : null}
    </fieldset>
  );
}
