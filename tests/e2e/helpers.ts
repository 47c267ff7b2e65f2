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
