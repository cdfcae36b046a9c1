/** A field's error under its control, by the id the control's aria-describedby names. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {error}
    </p>
  ) : null;
}
