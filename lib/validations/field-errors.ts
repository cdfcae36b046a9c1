export type FieldErrors = Record<string, string>;

/** The first message for each field path ("npi", "answers.service"); "" for the form itself. */
export function fieldErrors(
  issues: readonly {
    path: readonly PropertyKey[];
    message: string;
    code?: string;
    keys?: string[];
  }[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".");
    const key = issue.code === "unrecognized_keys" ? "" : path;
    const message =
      issue.code === "unrecognized_keys"
        ? `Unexpected fields: ${(issue.keys ?? []).join(", ")}`
        : issue.message;
    errors[key] ??= message;
  }
  return errors;
}
