import type { ReactNode } from "react";
import { field } from "@/components/ui/styles";
import { FieldError } from "@/components/ui/field-error";

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
  children,
}: {
  id: string;
  name: string;
  legend: string;
  options: readonly { value: string; label: ReactNode }[];
  error?: string;
  /** Checkboxes (several may be chosen) instead of radio buttons. */
  multiple?: boolean;
  children?: ReactNode;
}) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-medium">{legend}</legend>
      {children}
      {options.map((option) => (
        <label key={option.value} className="mt-1 flex gap-2">
          <input type={multiple ? "checkbox" : "radio"} name={name} value={option.value} />
          <span>{option.label}</span>
        </label>
      ))}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}
