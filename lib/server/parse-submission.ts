import "server-only";
import type { Policy } from "@/lib/policy/engine/types";
import type { PolicyRegistry } from "@/lib/policy/registry";
import { fieldErrors, type FieldErrors } from "@/lib/validations/field-errors";
import {
  requestFieldsSchema,
  requestSubmissionSchemaFor,
  type RequestSubmission,
} from "@/lib/validations/request-submission";
import { policies } from "./policies";

export type ParsedSubmission =
  { ok: true; submission: RequestSubmission; policy: Policy } | { ok: false; errors: FieldErrors };

/**
 * A submission read under the policy version in force on its planned date of service: the
 * request's fields first (they name the policy and the date), then the answers in that version's
 * own schema, so every wrong field is named at once.
 */
export function parseSubmission(
  input: unknown,
  registry: PolicyRegistry = policies,
): ParsedSubmission {
  const fields = requestFieldsSchema.safeParse(input);
  const record =
    typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const id = typeof record.policyId === "string" ? record.policyId : registry.defaultId;
  if (!registry.has(id))
    return {
      ok: false,
      errors: {
        ...(fields.success ? {} : fieldErrors(fields.error.issues)),
        policyId: `No policy ${id}`,
      },
    };
  const date = fields.success ? fields.data.serviceDate : undefined;
  const policy = date ? registry.inForceOn(id, date) : registry.getPolicy(id);
  if (!policy) {
    const first = registry.versionsOf(id)[0]!;
    return {
      ok: false,
      errors: {
        serviceDate: `No version of ${first.meta.shortName} is in force on ${date}: its first version takes effect on ${first.effectiveDate}`,
      },
    };
  }
  const parsed = requestSubmissionSchemaFor(policy).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  return { ok: true, submission: parsed.data as RequestSubmission, policy };
}
