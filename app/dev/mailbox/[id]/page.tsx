import Link from "next/link";
import { notFound } from "next/navigation";
import { getOutboxMessage } from "@/lib/mail/list-outbox";

export default async function MailboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const m = await getOutboxMessage(id);
  if (!m) notFound();
  const headers: Record<string, string> = { From: m.from, To: m.to, ...(m.subject ? { Subject: m.subject } : {}), Date: m.createdAt.toUTCString(), ...m.headers };
  return (
    <article className="space-y-4">
      <Link href="/dev/mailbox" className="text-sm text-brand-700 hover:underline">
        ← All messages
      </Link>
      <h1 className="text-xl font-semibold">{m.subject ?? "SMS"}</h1>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {Object.entries(headers).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-500">{k}</dt>
            <dd className="break-all text-slate-900">{v}</dd>
          </div>
        ))}
      </dl>
      {m.html ? (
        <section aria-label="HTML part">
          <h2 className="mb-2 text-sm font-semibold text-slate-700">HTML</h2>
          {/* No allow-scripts and no allow-same-origin: the message can neither run code nor reach the app. */}
          <iframe title="Message HTML" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={m.html} className="h-[32rem] w-full rounded-lg border border-slate-200 bg-white" />
        </section>
      ) : null}
      <section aria-label="Text part">
        <h2 className="mb-2 text-sm font-semibold text-slate-700">Text</h2>
        <pre className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="message-text">
          {m.text}
        </pre>
      </section>
    </article>
  );
}
