import "server-only";
import { createHash } from "node:crypto";
import type { NewAttachment } from "./attachment-store";
import type { RequestSubmission } from "@/lib/validations/request-submission";

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of a validated submission and its files, the same for the same fields whatever their
 * order: what an idempotency key is checked against when it comes again.
 */
export function submissionFingerprint(
  submission: RequestSubmission,
  files: readonly NewAttachment[] = [],
): string {
  const hash = createHash("sha256").update(canonicalJson(submission));
  for (const file of files)
    hash.update(`\n${file.name}\n${createHash("sha256").update(file.data).digest("hex")}`);
  return hash.digest("hex");
}
