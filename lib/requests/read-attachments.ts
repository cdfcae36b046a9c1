import "server-only";
import type { FieldIssue } from "@/lib/policy/engine/answers-schema";
import { checkAttachment, checkAttachmentCount } from "@/lib/request-model/attachment-check";
import type { NewAttachment } from "./attachment-store";

/**
 * A file part as the message reader received it: its name, how many bytes came, and those bytes
 * when they were kept (never past 10 MB, nor past the files a message may carry).
 */
export interface ReceivedFile {
  name: string;
  size: number;
  data: Uint8Array | null;
}

export type ReadAttachments =
  { ok: true; attachments: NewAttachment[] } | { ok: false; issues: FieldIssue[] };

/** The files of one message, each checked by its bytes; one issue per refused file. */
export async function readAttachments(files: readonly ReceivedFile[]): Promise<ReadAttachments> {
  const tooMany = checkAttachmentCount(files.length);
  if (tooMany) return { ok: false, issues: [{ path: "files", message: tooMany }] };
  const attachments: NewAttachment[] = [];
  const issues: FieldIssue[] = [];
  for (const [i, file] of files.entries()) {
    const data = file.data ?? new Uint8Array(0);
    const checked = checkAttachment(file.name, data.subarray(0, 16), file.size);
    if (checked.ok && file.data)
      attachments.push({ name: checked.name, contentType: checked.contentType, data: file.data });
    else if (!checked.ok) issues.push({ path: `files.${i}`, message: checked.message });
  }
  return issues.length ? { ok: false, issues } : { ok: true, attachments };
}
