// Pure: used by proxy.ts and the route handlers.

/**
 * The request's body, or null once it is larger than `max` bytes, whatever Content-Length said:
 * a chunked or lying client is cut off at the limit instead of filling memory.
 */
export async function readAtMost(
  request: Request,
  max: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (Number(request.headers.get("content-length") ?? "0") > max) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        // A clone's cancel settles only once the original is cancelled too: not awaited.
        reader.cancel().catch(() => {});
        return null;
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a body that a refusal left unread and throws it away, in the background, so that the
 * client, still sending, gets the answer instead of a connection reset. Nothing is kept; past
 * `atMost` bytes (the largest body the route takes) the upload is cancelled.
 */
export function discardUnread(request: Request, atMost: number): void {
  if (request.bodyUsed || !request.body) return;
  const reader = request.body.getReader();
  void (async () => {
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        size += value.byteLength;
        if (size > atMost) return void reader.cancel().catch(() => {});
      }
    } catch {
      // The client went away.
    }
  })();
}
