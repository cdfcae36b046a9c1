import type { AttachmentInfo } from "@/lib/requests/case-history";
import { fileSize } from "@/lib/requests/file-size";
import { LocalTime } from "@/components/ui/local-time";
import { personText } from "@/lib/requests/labels";

const TYPE_NAMES = { "application/pdf": "PDF", "image/png": "PNG", "image/jpeg": "JPEG" };

/** A message's files: each a download, with its size, type, uploader and time. */
export function AttachmentList({
  reference,
  files,
}: {
  reference: string;
  files: readonly AttachmentInfo[];
}) {
  if (files.length === 0) return null;
  return (
    <ul aria-label="Attachments" className="mt-2 space-y-1 text-sm">
      {files.map((f) => (
        <li key={f.id}>
          <a
            href={`/api/requests/${reference}/attachments/${f.id}`}
            download
            className="text-blue-800 underline"
          >
            {f.name}
          </a>{" "}
          — {fileSize(f.size)}, {TYPE_NAMES[f.contentType]}, uploaded by {personText(f.uploader)} on{" "}
          <LocalTime iso={f.uploadedAt} />
        </li>
      ))}
    </ul>
  );
}
