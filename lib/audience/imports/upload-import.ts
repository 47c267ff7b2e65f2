import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "@/db";
import { imports, type Import } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Actor } from "@/lib/orgs/actor";
import { importFilePath } from "./import-file";
import { SNIFF_BYTES, sniffCsv } from "./sniff-csv";

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/** Refused because the body is over the 200 MB limit; the route answers 413. */
export class UploadTooLargeError extends AppError {
  constructor() {
    super("BAD_REQUEST", "The file is larger than 200 MB. Split it into smaller files and import each.");
  }
}

/**
 * Stores an uploaded CSV and records the import (status `uploaded`). The body is streamed to
 * disk, never held whole; the first bytes decide the delimiter and header row. A file over the
 * limit, empty, or not CSV is refused and removed before any row is recorded.
 */
export async function uploadImport(actor: Actor, input: { fileName: string; body: AsyncIterable<Uint8Array> | Iterable<Uint8Array> }): Promise<Import> {
  const id = newId("imp");
  const file = importFilePath(actor.orgId, id);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  async function* tap() {
    for await (const chunk of input.body) {
      size += chunk.byteLength;
      if (size > MAX_UPLOAD_BYTES) throw new UploadTooLargeError();
      if (headBytes < SNIFF_BYTES) {
        head.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headBytes)));
        headBytes += Math.min(chunk.byteLength, SNIFF_BYTES - headBytes);
      }
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(tap()), fs.createWriteStream(file));
    if (size === 0) throw new AppError("VALIDATION", "The file is empty.");
    const shape = sniffCsv(Buffer.concat(head), size <= SNIFF_BYTES);
    const fileName = (input.fileName || "contacts.csv").replace(/[\\/]/g, "_").slice(0, 200);
    const [row] = await db
      .insert(imports)
      .values({ id, orgId: actor.orgId, createdById: actor.userId, fileName, filePath: file, fileSize: size, delimiter: shape.delimiter, headers: shape.headers })
      .returning();
    return row;
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
}
