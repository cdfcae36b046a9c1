// Pure: which files a message may carry, decided by their first bytes (never by their name or
// declared type), in the browser before anything is sent and again on the server.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

export type AttachmentType = "application/pdf" | "image/png" | "image/jpeg";

const SIGNATURES: [AttachmentType, number[], string[]][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46, 0x2d], ["pdf"]],
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ["png"]],
  ["image/jpeg", [0xff, 0xd8, 0xff], ["jpg", "jpeg"]],
];

export type AttachmentCheck =
  { ok: true; contentType: AttachmentType } | { ok: false; message: string };

/**
 * A PDF, PNG or JPEG by its first bytes, at most 10 MB, whose name (if it has an extension) says
 * the same type: a PDF named report.exe is refused as readily as an executable named report.pdf.
 */
export function checkAttachment(name: string, head: Uint8Array, size: number): AttachmentCheck {
  const shown = name.length > 80 ? `${name.slice(0, 77)}…` : name;
  if (size === 0) return { ok: false, message: `${shown} is empty.` };
  if (size > MAX_ATTACHMENT_BYTES)
    return {
      ok: false,
      message: `${shown} is ${(size / 1024 / 1024).toFixed(1)} MB; a file may be at most 10 MB.`,
    };
  const found = SIGNATURES.find(([, bytes]) => bytes.every((b, i) => head[i] === b));
  if (!found)
    return {
      ok: false,
      message: `${shown} is not a PDF, PNG or JPEG file (judged by its content).`,
    };
  const [contentType, , extensions] = found;
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension !== undefined && !extensions.includes(extension))
    return {
      ok: false,
      message: `${shown} holds a ${extensions[0]!.toUpperCase()} but is named .${extension}: rename it, or send the right file.`,
    };
  return { ok: true, contentType };
}

/** The count rule of one message. */
export function checkAttachmentCount(count: number): string | undefined {
  return count > MAX_ATTACHMENTS
    ? `A message may carry at most ${MAX_ATTACHMENTS} files; ${count} were chosen.`
    : undefined;
}

/**
 * The name a file is stored and offered under: its last path segment, without control
 * characters or quotes, at most 120 characters; "attachment" when nothing is left.
 */
export function storedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return clean.slice(-120) || "attachment";
}
