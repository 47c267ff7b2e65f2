/**
 * The open-tracking pixel: a 1x1 transparent GIF89a, 43 bytes. Header "GIF89a"; a 1x1 logical
 * screen with a 2-colour global table (black, white); a graphic control extension marking
 * colour 0 transparent; one 1x1 image whose single pixel is colour 0 (LZW, minimum code size 2);
 * the trailer. Served by `/t/o/<token>` with `Content-Type: image/gif` and no caching, so every
 * open reaches Herald.
 */
export const PIXEL_GIF: Buffer = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

export const PIXEL_CONTENT_TYPE = "image/gif";

/** Headers for the pixel's answer: never cached by the client or a proxy. */
export const PIXEL_HEADERS: Readonly<Record<string, string>> = {
  "Content-Type": PIXEL_CONTENT_TYPE,
  "Content-Length": String(PIXEL_GIF.length),
  "Cache-Control": "no-store, no-cache, must-revalidate, private",
  Pragma: "no-cache",
  Expires: "0",
};
