/**
 * SMS length and segment count, as carriers bill them. Pure and dependency-free: the editor's live
 * counter and the server use the same function.
 *
 * GSM 03.38 default alphabet: one septet per character; the extension table (^ { } \ [ ~ ] | € and
 * form feed) costs two (escape + character). Any other character switches the whole message to
 * UCS-2, counted in UTF-16 code units (an emoji outside the BMP is a surrogate pair: 2).
 * A single message holds 160 septets / 70 units; a concatenated one loses room to its header:
 * 153 / 67 per part. A two-unit character is never split across parts (an escape sequence or a
 * surrogate pair moves whole to the next part), so the count is exact, not `ceil(n / 153)`.
 */

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "^{}\\[~]|€\f";

const BASIC = new Set(Array.from(GSM_BASIC));
const EXTENSION = new Set(Array.from(GSM_EXTENSION));

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsCount = {
  encoding: SmsEncoding;
  /** Billed units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Room in one part: 160/153 (GSM-7) or 70/67 (UCS-2), depending on whether the text is split. */
  perSegment: number;
  /** Units left before the next part starts. */
  remaining: number;
};

export const SMS_LIMITS = {
  "GSM-7": { single: 160, multi: 153 },
  "UCS-2": { single: 70, multi: 67 },
} as const;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

/** Each character's cost in units, in order. */
function costs(text: string, encoding: SmsEncoding): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(encoding === "GSM-7" ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  return out;
}

export function countSms(text: string): SmsCount {
  const encoding: SmsEncoding = isGsm7(text) ? "GSM-7" : "UCS-2";
  const { single, multi } = SMS_LIMITS[encoding];
  const unitCosts = costs(text, encoding);
  const units = unitCosts.reduce((a, b) => a + b, 0);
  if (units === 0) return { encoding, units, segments: 0, perSegment: single, remaining: single };
  if (units <= single) return { encoding, units, segments: 1, perSegment: single, remaining: single - units };
  let segments = 1;
  let used = 0;
  for (const c of unitCosts) {
    if (used + c > multi) {
      segments++;
      used = 0;
    }
    used += c;
  }
  return { encoding, units, segments, perSegment: multi, remaining: multi - used };
}
