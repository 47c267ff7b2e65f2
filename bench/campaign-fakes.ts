import { startSendgridFake } from "@/tests/fakes/sendgrid";
import { startSmtpSink } from "@/tests/fakes/smtp-sink";

/**
 * A provider fake in its own process for `npm run bench -- campaign` (started by
 * bench/campaign-processes.ts), so the fake's parsing and validation neither count in the
 * dispatch worker's memory nor share its event loop. `sendgrid` or `smtp` as the argument.
 *
 * The fakes keep everything they accept, for tests to read; over a million messages that would
 * be gigabytes, so accepted work is counted and dropped every 200 ms.
 */
type Stats = { accepted: number; calls: number };

const send = (m: unknown) => process.send?.(m);

async function main() {
  const kind = process.argv[2];
  const stats: Stats = { accepted: 0, calls: 0 };
  let drain: () => void;
  let close: () => Promise<void>;
  if (kind === "sendgrid") {
    const fake = await startSendgridFake({ apiKey: process.env.BENCH_SENDGRID_KEY });
    drain = () => {
      for (const r of fake.requests) stats.accepted += r.body.personalizations.length;
      stats.calls += fake.requests.length;
      fake.reset();
    };
    close = fake.close;
    send({ type: "ready", url: fake.url });
  } else if (kind === "smtp") {
    const sink = await startSmtpSink();
    drain = () => {
      stats.accepted += sink.messages.length;
      stats.calls += sink.messages.length;
      sink.messages.length = 0;
    };
    close = sink.close;
    send({ type: "ready", host: sink.host, port: sink.port });
  } else {
    throw new Error(`unknown fake "${kind}"`);
  }
  const timer = setInterval(drain, 200);
  process.on("message", (m: { type?: string }) => {
    if (m?.type === "stats") {
      drain();
      send({ type: "stats", ...stats });
    }
    if (m?.type === "stop") {
      clearInterval(timer);
      void close().finally(() => process.exit(0));
    }
  });
  // The parent going away takes the fake with it.
  process.on("disconnect", () => process.exit(0));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
