import { AppError } from "@/lib/errors";

/** Provider webhook bodies: SendGrid batches run to about 1 MB; more than this is not a provider. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

/**
 * The raw bytes of a webhook request, refused past `max` (413) without buffering more than that:
 * a declared Content-Length over the cap is refused before reading, and a body streamed without
 * one is cut off as soon as it passes the cap. Bytes, not text: a signature covers exactly these.
 */
export async function readWebhookBody(req: Request, max = MAX_WEBHOOK_BYTES): Promise<Buffer> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${Math.round(max / 1024 / 1024)} MB.`);
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
