import "server-only";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { AttachmentType } from "@/lib/request-model/attachment-check";

/** A file already checked (lib/requests/read-attachments.ts), about to be stored. */
export interface NewAttachment {
  name: string;
  contentType: AttachmentType;
  data: Uint8Array;
}

/** Stores a message's files inside the transaction that stores the message. */
export async function addAttachments(
  trx: Kysely<Database>,
  requestId: number,
  /** The message they came with; null for the submission itself. */
  eventId: number | null,
  uploaderId: string,
  files: readonly NewAttachment[],
  now: Date,
) {
  for (const file of files)
    await trx
      .insertInto("attachments")
      .values({
        request_id: requestId,
        event_id: eventId,
        name: file.name,
        content_type: file.contentType,
        size: file.data.byteLength,
        data: Buffer.from(file.data),
        uploader_id: uploaderId,
        uploaded_at: now.toISOString(),
      })
      .execute();
}
