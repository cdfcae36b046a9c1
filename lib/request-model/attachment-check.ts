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
  { ok: true; contentType: AttachmentType; name: string } | { ok: false; message: string };

/**
 * A PDF, PNG or JPEG by its first bytes, at most 10 MB, whose name (if it has an extension) says
 * the same type: a PDF named report.exe is refused as readily as an executable named report.pdf.
 * The name is read as it will be stored (cleanFileName), so "x.html." is judged as "x.html"; the
 * name to store carries the extension of the type found (fileNameFor).
 */
export function checkAttachment(rawName: string, head: Uint8Array, size: number): AttachmentCheck {
  const name = cleanFileName(rawName);
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
  const extension = extensionOf(name);
  if (extension !== undefined && !extensions.includes(extension))
    return {
      ok: false,
      message: `${shown} holds a ${extensions[0]!.toUpperCase()} but is named .${extension}: rename it, or send the right file.`,
    };
  return { ok: true, contentType, name: fileNameFor(name, contentType) };
}

/** The count rule of one message. */
export function checkAttachmentCount(count: number): string | undefined {
  return count > MAX_ATTACHMENTS
    ? `A message may carry at most ${MAX_ATTACHMENTS} files; ${count} were chosen.`
    : undefined;
}

const extensionOf = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();

// Control characters, quotes, and every Unicode format character (category Cf: the bidi
// overrides and isolates such as U+202E that show "evil\u202Efdp.jpg" as "eviljpg.pdf", zero-width
// spaces and joiners, the byte-order mark, soft hyphens), and line and paragraph separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu;

/**
 * A file's name as it is shown and stored: its last path segment, without control or format
 * characters or quotes, with trailing dots and spaces taken off until none is left (Windows drops
 * them, so "invoice.exe." would be saved as invoice.exe), at most 120 characters; "attachment"
 * when nothing is left.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(INVISIBLE, "")
    .replace(/[.\s]+$/u, "")
    .trim();
  return clean.slice(-120) || "attachment";
}

/**
 * The name a file is stored and downloaded under: cleaned, and ending in the extension of the
 * type its bytes were found to be ("scan" holding a PDF is "scan.pdf"), whatever name it came with.
 */
export function fileNameFor(name: string, contentType: AttachmentType): string {
  const clean = cleanFileName(name);
  const extensions = SIGNATURES.find(([type]) => type === contentType)![2];
  const extension = extensionOf(clean);
  if (extension !== undefined && extensions.includes(extension)) return clean;
  return `${clean.slice(0, 120 - extensions[0]!.length - 1)}.${extensions[0]}`;
}
