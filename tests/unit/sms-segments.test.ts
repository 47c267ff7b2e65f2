import { describe, expect, it } from "vitest";
import { countSms, isGsm7 } from "@/lib/content/sms-segments";

const gsm = (n: number) => "a".repeat(n);
const ucs = (n: number) => "ж".repeat(n);

describe("countSms", () => {
  it.each([
    ["empty", "", "GSM-7", 0, 0],
    ["1 GSM char", gsm(1), "GSM-7", 1, 1],
    ["160 GSM chars", gsm(160), "GSM-7", 160, 1],
    ["161 GSM chars", gsm(161), "GSM-7", 161, 2],
    ["153*2 GSM chars", gsm(306), "GSM-7", 306, 2],
    ["307 GSM chars", gsm(307), "GSM-7", 307, 3],
    ["153*3 GSM chars", gsm(459), "GSM-7", 459, 3],
    ["70 UCS-2 chars", ucs(70), "UCS-2", 70, 1],
    ["71 UCS-2 chars", ucs(71), "UCS-2", 71, 2],
    ["67*2 UCS-2 chars", ucs(134), "UCS-2", 134, 2],
    ["135 UCS-2 chars", ucs(135), "UCS-2", 135, 3],
  ] as const)("%s", (_label, text, encoding, units, segments) => {
    const c = countSms(text);
    expect(c.encoding).toBe(encoding);
    expect(c.units).toBe(units);
    expect(c.segments).toBe(segments);
  });

  it("knows the GSM-7 basic alphabet, accents included", () => {
    for (const ch of ["é", "è", "ù", "ì", "ò", "Ç", "Ø", "Å", "Δ", "Ω", "ß", "É", "Ä", "Ö", "Ñ", "Ü", "§", "¿", "¡", "à", "£", "¥", "@", "\n"]) {
      expect(isGsm7(ch), ch).toBe(true);
    }
    for (const ch of ["á", "í", "ó", "ú", "ç", "ê", "ő", "’", "“", "😀", "ж", "中"]) expect(isGsm7(ch), ch).toBe(false);
    expect(countSms("Café à 5€").encoding).toBe("GSM-7");
  });

  it("counts extension characters as 2 septets", () => {
    expect(countSms("€").units).toBe(2);
    expect(countSms("{[~]}|^\\").units).toBe(16);
    expect(countSms(gsm(158) + "€")).toMatchObject({ units: 160, segments: 1 });
    expect(countSms(gsm(159) + "€")).toMatchObject({ units: 161, segments: 2 });
  });

  it("never splits an escape sequence across parts", () => {
    // 152 septets, then € (2) would straddle the 153 boundary: it moves to the second part.
    const c = countSms(gsm(152) + "€" + gsm(152));
    expect(c.units).toBe(306);
    expect(c.segments).toBe(3);
  });

  it("switches to UCS-2 for any non-GSM character and counts surrogate pairs as 2", () => {
    expect(countSms("Hi 😀")).toMatchObject({ encoding: "UCS-2", units: 5, segments: 1, perSegment: 70 });
    expect(countSms("😀".repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(countSms("😀".repeat(36))).toMatchObject({ units: 72, segments: 2, perSegment: 67 });
    // 134 units fit 2 parts of 67, but the pair at 67-68 moves whole to the second part.
    expect(countSms(ucs(66) + "😀" + ucs(66))).toMatchObject({ units: 134, segments: 3 });
    expect(countSms(gsm(100) + "’").encoding).toBe("UCS-2");
  });

  it("reports the room left in the current part", () => {
    expect(countSms(gsm(150)).remaining).toBe(10);
    expect(countSms(gsm(160 + 3)).remaining).toBe(153 - 10);
  });
});
