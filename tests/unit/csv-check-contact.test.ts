import { describe, expect, it } from "vitest";
import { contactInputSchema } from "@/lib/audience/contacts/contact-schema";
import { checkContact } from "@/lib/audience/imports/check-contact";

// The import's fast row check must agree with the form's schema: same accepted rows, same values.
const CASES: Record<string, string>[] = [
  { email: "A@Example.com " },
  { email: "bad" },
  { email: "" },
  { phone: "79161234567" },
  { phone: "+49 151 1234 5678", firstName: " Ann " },
  { phone: "12" },
  { email: "x@y.io", timezone: "Europe/Berlin" },
  { email: "x@y.io", timezone: "Mars/Base" },
  { email: "x@y.io", notifyFrom: "9", notifyTo: "17:30" },
  { email: "x@y.io", notifyFrom: "18:00", notifyTo: "09:00" },
  { email: "x@y.io", notifyFrom: "25:00" },
  { email: "x@y.io", firstName: "x".repeat(101) },
  { email: "x@y.io", operatorCode: "916" },
  { email: "x@y.io", operatorCode: "x".repeat(17) },
  { firstName: "Nobody" },
  { email: "x@y.io", phone: "+7 916 123 45 67" },
];

describe("checkContact agrees with contactInputSchema", () => {
  it.each(CASES)("%j", (input) => {
    for (const country of [null, "DE", "RU"]) {
      const fast = checkContact(input, ["VIP, news"], country);
      const slow = contactInputSchema(country).safeParse({ ...input, tags: ["VIP, news"] });
      expect(fast.ok).toBe(slow.success);
      if (fast.ok && slow.success) {
        const d = slow.data;
        const expected = { email: d.email, phone: d.phone, firstName: d.firstName, lastName: d.lastName, timezone: d.timezone, tags: d.tags, operatorCode: d.operatorCode, notifyFrom: d.notifyFrom, notifyTo: d.notifyTo };
        expect(fast.value).toEqual(expected);
      }
    }
  });
});
