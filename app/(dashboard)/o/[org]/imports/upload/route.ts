import { NextResponse } from "next/server";
import { MAX_UPLOAD_BYTES, UploadTooLargeError, uploadImport } from "@/lib/audience/imports/upload-import";
import { errorResponse, routeOrg } from "@/app/_lib/route-org";

/**
 * POST the raw CSV as the body (`?name=<file name>`) -> 201 `{ importId }`. Streamed to disk;
 * over 200 MB -> 413; empty or not CSV -> 422; nothing is written to contacts here.
 */
export async function POST(request: Request, { params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await routeOrg(slug);
  if (ctx instanceof NextResponse) return ctx;
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return tooLarge();
  if (!request.body) return NextResponse.json({ error: { code: "VALIDATION", message: "The file is empty." } }, { status: 422 });
  const fileName = new URL(request.url).searchParams.get("name") ?? "contacts.csv";
  try {
    const imp = await uploadImport(ctx.actor, { fileName, body: request.body as unknown as AsyncIterable<Uint8Array> });
    return NextResponse.json({ importId: imp.id, headers: imp.headers, delimiter: imp.delimiter }, { status: 201 });
  } catch (e) {
    if (e instanceof UploadTooLargeError) return tooLarge();
    return errorResponse(e);
  }
}

const tooLarge = () =>
  NextResponse.json({ error: { code: "PAYLOAD_TOO_LARGE", message: "The file is larger than 200 MB. Split it into smaller files and import each." } }, { status: 413 });
