import type { ReactNode } from "react";

/** Token colours for the hand-highlighted snippet below. */
const c = {
  cmd: "text-sky-300",
  flag: "text-violet-300",
  str: "text-emerald-300",
  key: "text-brand-200",
  punct: "text-slate-400",
  comment: "text-slate-500",
};

function T({ k, children }: { k: keyof typeof c; children: ReactNode }) {
  return <span className={c[k]}>{children}</span>;
}

/** An illustrative request to the transactional send API, with its response. */
export function CodeSample() {
  return (
    <figure className="overflow-hidden rounded-2xl bg-slate-950 shadow-2xl shadow-brand-900/30 ring-1 ring-white/10">
      <div className="flex items-center justify-between border-b border-white/10 px-4 py-3">
        <div className="flex items-center gap-2">
          <span className="rounded bg-emerald-400/15 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-emerald-300">
            POST
          </span>
          <span className="font-mono text-xs text-slate-300">/api/v1/emails</span>
        </div>
        <figcaption className="text-xs text-slate-500">cURL · illustrative</figcaption>
      </div>
      <pre className="overflow-x-auto p-5 font-mono text-[13px] leading-6 text-slate-200">
        <code>
          <T k="cmd">curl</T> <T k="flag">-X</T> POST https://herald.example.com/api/v1/emails <T k="punct">\</T>
          {"\n  "}
          <T k="flag">-H</T> <T k="str">&quot;Authorization: Bearer $HERALD_API_KEY&quot;</T> <T k="punct">\</T>
          {"\n  "}
          <T k="flag">-H</T> <T k="str">&quot;Content-Type: application/json&quot;</T> <T k="punct">\</T>
          {"\n  "}
          <T k="flag">-d</T> <T k="str">&apos;</T>
          <T k="punct">{"{"}</T>
          {"\n    "}
          <T k="key">&quot;from&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;Acme &lt;receipts@acme.com&gt;&quot;</T>
          <T k="punct">,</T>
          {"\n    "}
          <T k="key">&quot;to&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;ana@example.com&quot;</T>
          <T k="punct">,</T>
          {"\n    "}
          <T k="key">&quot;subject&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;Your receipt #1042&quot;</T>
          <T k="punct">,</T>
          {"\n    "}
          <T k="key">&quot;html&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;&lt;p&gt;Thanks for your order, Ana!&lt;/p&gt;&quot;</T>
          {"\n  "}
          <T k="punct">{"}"}</T>
          <T k="str">&apos;</T>
          {"\n\n"}
          <T k="comment"># Response</T>
          {"\n"}
          <T k="punct">{"{"}</T> <T k="key">&quot;id&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;msg_7k2m9q4x8d1v0n3b5c6e&quot;</T>
          <T k="punct">,</T> <T k="key">&quot;status&quot;</T>
          <T k="punct">:</T> <T k="str">&quot;queued&quot;</T> <T k="punct">{"}"}</T>
        </code>
      </pre>
    </figure>
  );
}
