import { describe, expect, it } from "vitest";
import { PIXEL_GIF, PIXEL_HEADERS } from "@/lib/tracking/pixel";

/** Walks the GIF's blocks as the GIF89a specification lays them out; throws on anything else. */
function parseGif(buf: Buffer) {
  let at = 0;
  const take = (n: number) => {
    if (at + n > buf.length) throw new Error("truncated");
    const out = buf.subarray(at, at + n);
    at += n;
    return out;
  };
  const subBlocks = () => {
    let total = 0;
    for (let size = take(1)[0]; size !== 0; size = take(1)[0]) total += take(size).length;
    return total;
  };
  const header = take(6).toString("latin1");
  const screen = take(7);
  const width = screen.readUInt16LE(0);
  const height = screen.readUInt16LE(2);
  if (screen[4] & 0x80) take(3 * 2 ** ((screen[4] & 0x07) + 1));
  let transparent = false;
  let images = 0;
  for (;;) {
    const introducer = take(1)[0];
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = take(1)[0];
      if (label === 0xf9) {
        const gce = take(6);
        if (gce[0] !== 4 || gce[5] !== 0) throw new Error("bad graphic control extension");
        transparent = (gce[1] & 0x01) === 1;
      } else subBlocks();
    } else if (introducer === 0x2c) {
      const descriptor = take(9);
      if (descriptor[8] & 0x80) take(3 * 2 ** ((descriptor[8] & 0x07) + 1));
      const minCodeSize = take(1)[0];
      if (minCodeSize < 2 || minCodeSize > 8) throw new Error("bad LZW code size");
      subBlocks();
      images++;
    } else throw new Error(`unknown block 0x${introducer.toString(16)}`);
  }
  return { header, width, height, transparent, images, rest: buf.length - at };
}

describe("the open pixel", () => {
  it("is a 43-byte, 1x1, transparent GIF89a with one image and nothing after the trailer", () => {
    expect(PIXEL_GIF.length).toBe(43);
    expect(parseGif(PIXEL_GIF)).toEqual({ header: "GIF89a", width: 1, height: 1, transparent: true, images: 1, rest: 0 });
  });

  it("is answered uncached with its exact length", () => {
    expect(PIXEL_HEADERS["Content-Type"]).toBe("image/gif");
    expect(PIXEL_HEADERS["Content-Length"]).toBe("43");
    expect(PIXEL_HEADERS["Cache-Control"]).toMatch(/no-store/);
  });
});
