"use client";

import { useEffect, useId, useRef } from "react";
import type { FieldErrors } from "@/lib/validations/field-errors";

/** How the summary names a field and where its link goes. */
export interface FieldRef {
  label: string;
  /** The id of the field's control (or its fieldset), which the link moves focus to. */
  id: string;
}

/**
 * Every wrong field of a form, named by its label, each a link to its control; it takes focus
 * when the errors come, so a screen reader reads them and the keyboard starts from them. Paths
 * the form does not name ("files.0", "answers.service") fall to their first segment's field.
 */
export function ErrorSummary({
  errors,
  fields,
}: {
  errors: FieldErrors;
  fields: Record<string, FieldRef>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  const entries = Object.entries(errors).filter(([path]) => path !== "");
  useEffect(() => {
    if (entries.length) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- focus once per set of errors
  }, [errors]);
  if (entries.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${id}-heading`}
      className="rounded border-2 border-red-800 bg-red-50 p-3 text-red-950 focus:outline-2 focus:outline-red-900"
    >
      <h3 id={`${id}-heading`} className="font-semibold">
        Nothing was saved:{" "}
        {entries.length === 1 ? "1 field needs" : `${entries.length} fields need`} correcting
      </h3>
      <ul className="mt-1 list-disc pl-5">
        {entries.map(([path, message]) => {
          const field = fields[path] ?? fields[path.split(".")[0]!];
          return (
            <li key={path}>
              {field ? (
                <a href={`#${field.id}`} className="underline">
                  {field.label}: {message}
                </a>
              ) : (
                `${path}: ${message}`
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
