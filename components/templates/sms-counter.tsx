import { countSms } from "@/lib/content/sms-segments";

/** "N characters · M segments · GSM-7|Unicode", announced politely as the author types. */
export function SmsCounter({ text, label }: { text: string; label?: string }) {
  const c = countSms(text);
  const encoding = c.encoding === "GSM-7" ? "GSM-7" : "Unicode";
  return (
    <p className="text-xs text-slate-600" aria-live="polite" data-testid="sms-counter">
      {label ? <span className="font-medium">{label}: </span> : null}
      {c.units.toLocaleString("en-US")} {c.units === 1 ? "character" : "characters"} · {c.segments} {c.segments === 1 ? "segment" : "segments"} · {encoding}
      {c.segments > 0 ? <span className="text-slate-400"> ({c.remaining} left in this part)</span> : null}
      {c.encoding === "UCS-2" ? <span className="block text-amber-700">A character outside the GSM alphabet (an emoji, a curly quote…) makes each part hold 70 instead of 160.</span> : null}
    </p>
  );
}
