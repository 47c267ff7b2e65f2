// The Stripe fake as a standalone process for the Playwright run (started by playwright.config.ts
// before the app): `tsx tests/fakes/stripe-server.ts`, configured by E2E_STRIPE_PORT,
// E2E_APP_URL and STRIPE_WEBHOOK_SECRET.
import { startStripeFake } from "./stripe";

const port = Number(process.env.E2E_STRIPE_PORT ?? 12111);
const appUrl = process.env.E2E_APP_URL ?? "http://localhost:3100";
const secret = process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e";

startStripeFake({ port, webhook: { url: `${appUrl}/api/webhooks/stripe`, secret } }).then((fake) => {
  console.log(`[stripe-fake] listening on 127.0.0.1:${fake.port}`);
  const stop = () => fake.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
});
