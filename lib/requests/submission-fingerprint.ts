import "server-only";
import { createHash } from "node:crypto";
import type { NewAttachment } from "./attachment-store";
import type { RequestSubmission } from "@/lib/validations/request-submission";
import { canonicalJson } from "./canonical-json";

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
