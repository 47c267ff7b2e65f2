import { expect, test } from "@playwright/test";
import { createOrg, openLatestMail, signUpWithCode, uniqueEmail } from "./helpers";

test("build an e-mail template with a live preview, refuse an unknown merge tag, send a test; count SMS segments", async ({ page, context }) => {
  const email = uniqueEmail("tpl");
  await signUpWithCode(page, email, "Tara Template");
  await createOrg(page, "Template Co");
  const base = new URL(page.url()).pathname.replace(/\/$/, "");

  await page.goto(`${base}/templates`);
  await page.getByRole("link", { name: "New e-mail template" }).first().click();
  await page.getByLabel("Name").fill("Welcome");
  await page.getByLabel("Subject").fill("Welcome, {{ contact.first_name | default: 'friend' }}");
  await page.getByLabel("HTML").fill('<html><body><h1>Hello {{ contact.first_nam }}</h1><a href="https://example.com/start">Start</a></body></html>');
  await page.getByRole("button", { name: "Create template" }).click();
  // The typo is reported when saving, not discovered at send time.
  await expect(page.getByText(/contact\.first_nam/).first()).toBeVisible();

  await page.getByLabel("HTML").fill('<html><body><h1>Hello {{ contact.first_name }} from {{ org.name }}</h1><a href="https://example.com/start">Start</a></body></html>');
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/templates\/tpl_/);

  // The preview renders the sample contact inside a sandboxed frame.
  const frame = page.frameLocator('iframe[title="E-mail preview"]');
  await expect(frame.getByRole("heading", { name: /Hello .+ from Template Co/ })).toBeVisible();
  await expect(page.locator('iframe[title="E-mail preview"]')).toHaveAttribute("sandbox", "");

  await expect(page.getByLabel("Send a test to")).toHaveValue(email);
  await page.getByRole("button", { name: "Send test" }).click();
  const mail = await openLatestMail(await context.newPage(), email, /\[Test\] Welcome/);
  expect(mail).toMatch(/Hello .+ from Template Co/);

  await page.goto(`${base}/templates/new?channel=sms`);
  await page.getByLabel("Message").fill("x".repeat(161));
  await expect(page.getByTestId("sms-counter")).toContainText("161 characters · 2 segments · GSM-7");
  await page.getByLabel("Message").fill("Hi 👋");
  await expect(page.getByTestId("sms-counter")).toContainText("1 segment · Unicode");
});
