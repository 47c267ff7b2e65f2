import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

export const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString("hex")}@example.test`;

/** Reads the newest message to `to` from the dev mailbox, as a developer would. */
export async function openLatestMail(page: Page, to: string, subject: RegExp) {
  await expect(async () => {
    await page.goto(`/dev/mailbox?q=${encodeURIComponent(to)}`);
    await expect(page.getByTestId("mailbox-item").filter({ hasText: subject }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await page.getByTestId("mailbox-item").filter({ hasText: subject }).first().click();
  return (await page.getByTestId("message-text").textContent()) ?? "";
}

export async function readSignInCode(page: Page, email: string) {
  const text = await openLatestMail(page, email, /sign-in code/);
  const code = text.match(/\b(\d{6})\b/)?.[1];
  expect(code, "a 6-digit code in the e-mail").toBeTruthy();
  return code!;
}

/**
 * Signs up (or in) by e-mailed code through the real form. The mailbox is read in a second tab
 * so the form keeps its state.
 */
export async function signUpWithCode(page: Page, email: string, name?: string, start = "/sign-up") {
  await page.goto(start);
  if (name) await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByRole("button", { name: /Create account|E-mail me a sign-in code/ }).click();
  await expect(page.getByLabel("Sign-in code")).toBeVisible();
  const mailbox = await page.context().newPage();
  const code = await readSignInCode(mailbox, email);
  await mailbox.close();
  await page.getByLabel("Sign-in code").fill(code);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function createOrg(page: Page, name: string) {
  await expect(page.getByLabel("Organization name")).toBeVisible();
  await page.getByLabel("Organization name").fill(name);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** The org's dashboard path (`/o/<slug>`) of the page the browser is on. */
export function orgBase(page: Page) {
  const slug = new URL(page.url()).pathname.match(/^\/o\/[^/]+/)?.[0];
  expect(slug, "an org page is open").toBeTruthy();
  return slug!;
}

/** Settings: the postal address every marketing e-mail's footer shows (a campaign cannot launch without it). */
export async function setPostalAddress(page: Page, base: string, address: string) {
  await page.goto(`${base}/settings`);
  await page.getByLabel("Postal address").fill(address);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
}

/** Adds one contact through the form; returns its page's path (`.../contacts/ct_...`). */
export async function addContact(page: Page, base: string, contact: { email: string; firstName?: string; lastName?: string }) {
  await page.goto(`${base}/contacts/new`);
  await page.getByLabel("E-mail address").fill(contact.email);
  if (contact.firstName) await page.getByLabel("First name").fill(contact.firstName);
  if (contact.lastName) await page.getByLabel("Last name").fill(contact.lastName);
  await page.getByRole("button", { name: "Add contact" }).click();
  await expect(page.getByText("Contact added.")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Creates a list (double opt-in off unless asked: the people added here already agreed); leaves its page open. */
export async function createList(page: Page, base: string, name: string, { doubleOptIn = false } = {}) {
  await page.goto(`${base}/lists`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Double opt-in").setChecked(doubleOptIn);
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Adds an e-mail sender on the default provider (the outbox, visible at /dev/mailbox). */
export async function addEmailSender(page: Page, base: string, from: { name: string; email: string; ratePerSecond?: number }) {
  await page.goto(`${base}/senders`);
  await page.getByRole("link", { name: "Add a sender" }).first().click();
  await page.getByLabel("From name").fill(from.name);
  await page.getByLabel("From address").fill(from.email);
  await expect(page.getByLabel("Provider connection")).toHaveValue(/.+/);
  if (from.ratePerSecond !== undefined) await page.getByLabel("Rate (messages per second)").fill(String(from.ratePerSecond));
  await page.getByRole("button", { name: "Add sender" }).click();
  await expect(page.getByText("Sender added.")).toBeVisible();
}

/** Creates an e-mail template; leaves its editor open. */
export async function createEmailTemplate(page: Page, base: string, t: { name: string; subject: string; html: string }) {
  await page.goto(`${base}/templates/new`);
  await page.getByLabel("Name").fill(t.name);
  await page.getByLabel("Subject").fill(t.subject);
  await page.getByLabel("HTML").fill(t.html);
  await page.getByRole("button", { name: "Create template" }).click();
  await expect(page).toHaveURL(/\/templates\/tpl_/);
}

/**
 * A new e-mail campaign draft to one list from one sender, sent as soon as it launches; leaves
 * the draft's page (review, test, launch) open and returns its path.
 */
export async function createEmailCampaign(page: Page, base: string, c: { name: string; template: string; list: string; sender: string }) {
  await page.goto(`${base}/campaigns/new`);
  await page.getByLabel("Campaign name").fill(c.name);
  await page.getByLabel("Template").selectOption({ label: c.template });
  await page.getByRole("group", { name: "Send to" }).getByRole("checkbox", { name: c.list }).check();
  await page.getByRole("checkbox", { name: c.sender }).check();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page.getByText("Draft created.")).toBeVisible();
  expect(page.url()).toMatch(/\/campaigns\/cmp_/);
  return new URL(page.url()).pathname;
}

/** Clicks "Launch campaign" and accepts its confirmation, which names the recipient count. */
export async function launchCampaign(page: Page, recipients: number) {
  const noun = recipients === 1 ? "recipient" : "recipients";
  page.once("dialog", (d) => {
    // An unexpected question fails the launch (and the test) rather than accepting it blind.
    if (d.message().includes(`to ${recipients.toLocaleString("en-US")} ${noun} now`)) void d.accept();
    else void d.dismiss();
  });
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.getByText(`Launched: ${recipients.toLocaleString("en-US")} messages queued.`)).toBeVisible();
}
