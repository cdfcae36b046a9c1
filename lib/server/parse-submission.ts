import "server-only";
import { isObject } from "@/lib/http/parse-json";
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
  const record = isObject(input) ? input : {};
  const id = typeof record.policyId === "string" ? record.policyId : registry.defaultId;
  // The version in force on the date of service; with the date itself invalid, today's, so the
  // answers are checked too and every wrong field is named at once.
  const judged = registry.policyOn(id, fields.success ? fields.data.serviceDate : undefined);
  if (!judged.ok)
    return {
      ok: false,
      errors:
        judged.reason === "unknown-policy"
          ? {
              ...(fields.success ? {} : fieldErrors(fields.error.issues)),
              policyId: judged.message,
            }
          : { serviceDate: judged.message },
    };
  const { policy } = judged;
  const parsed = requestSubmissionSchemaFor(policy).safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  return { ok: true, submission: parsed.data as RequestSubmission, policy };
}
