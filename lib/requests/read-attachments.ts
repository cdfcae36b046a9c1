import "server-only";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { checkAttachment, checkAttachmentCount } from "./attachment-check";
import type { NewAttachment } from "./attachment-store";

export type ReadAttachments =
  { ok: true; attachments: NewAttachment[] } | { ok: false; issues: FieldIssue[] };

/** The files of one message, each checked by its bytes; one issue per refused file. */
export async function readAttachments(files: readonly File[]): Promise<ReadAttachments> {
  const tooMany = checkAttachmentCount(files.length);
  if (tooMany) return { ok: false, issues: [{ path: "files", message: tooMany }] };
  const attachments: NewAttachment[] = [];
  const issues: FieldIssue[] = [];
  for (const [i, file] of files.entries()) {
    const data = new Uint8Array(await file.arrayBuffer());
    const checked = checkAttachment(file.name, data.subarray(0, 16), data.byteLength);
    if (checked.ok)
      attachments.push({ name: checked.name, contentType: checked.contentType, data });
    else issues.push({ path: `files.${i}`, message: checked.message });
  }
  return issues.length ? { ok: false, issues } : { ok: true, attachments };
}
