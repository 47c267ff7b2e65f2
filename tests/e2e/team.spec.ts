import { expect, test } from "@playwright/test";
import { createOrg, openLatestMail, signUpWithCode, uniqueEmail } from "./helpers";

test("sign up by code, create an org, invite a colleague who joins; a member cannot manage the team", async ({ browser }) => {
  const owner = await browser.newContext();
  const page = await owner.newPage();
  const ownerEmail = uniqueEmail("owner");
  const mateEmail = uniqueEmail("mate");

  await signUpWithCode(page, ownerEmail, "Olivia Owner");
  await createOrg(page, "Globex Mail");
  const orgUrl = page.url();

  await page.getByRole("link", { name: "Team" }).first().click();
  await page.getByLabel("E-mail address").fill(mateEmail);
  await page.getByLabel("Role").selectOption("member");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${mateEmail}.`)).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: mateEmail })).toBeVisible();

  // The colleague opens the e-mailed link in their own browser and signs up through it.
  const mailText = await openLatestMail(await owner.newPage(), mateEmail, /invited you/);
  const link = mailText.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
  expect(link).toBeTruthy();

  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  await matePage.goto(link!);
  await expect(matePage.getByRole("heading", { name: "Join Globex Mail" })).toBeVisible();
  await matePage.getByRole("link", { name: "Create an account to join" }).click();
  await expect(matePage.getByLabel("Work e-mail")).toHaveValue(mateEmail);
  await matePage.getByLabel("Your name").fill("Max Mate");
  await matePage.getByRole("button", { name: "Create account" }).click();
  const mailbox = await mate.newPage();
  const codeMail = await openLatestMail(mailbox, mateEmail, /sign-in code/);
  await matePage.getByLabel("Sign-in code").fill(codeMail.match(/\b(\d{6})\b/)![1]);
  await matePage.getByRole("button", { name: "Continue" }).click();
  await matePage.getByRole("button", { name: "Join Globex Mail" }).click();
  await expect(matePage.getByRole("heading", { level: 1, name: "Globex Mail" })).toBeVisible();

  // Both see both members.
  await matePage.getByRole("link", { name: "Team" }).first().click();
  await expect(matePage.getByTestId("member-row")).toHaveCount(2);
  await expect(matePage.getByTestId("member-row").filter({ hasText: ownerEmail })).toBeVisible();
  await page.goto(`${orgUrl}/team`);
  await expect(page.getByTestId("member-row")).toHaveCount(2);
  await expect(page.getByTestId("member-row").filter({ hasText: mateEmail })).toContainText("member");

  // A member has no invite form, no role controls and no remove buttons.
  await expect(matePage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(matePage.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(matePage.getByRole("combobox")).toHaveCount(0);
  // ...and the audit log is not theirs to read.
  const audit = await matePage.goto(`${orgUrl}/audit`);
  expect(audit?.status()).toBe(404);
  // ...nor billing.
  expect((await matePage.goto(`${orgUrl}/billing`))?.status()).toBe(404);

  // The owner's audit log records the story.
  await page.goto(`${orgUrl}/audit`);
  await expect(page.getByTestId("audit-entry").filter({ hasText: `invited ${mateEmail} as member` })).toBeVisible();
  await expect(page.getByTestId("audit-entry").filter({ hasText: "accepted the invitation" })).toBeVisible();

  // The invitation link is single use.
  await matePage.goto(link!);
  await expect(matePage.getByText("This invitation was already used.")).toBeVisible();

  // Another tenant's org is a 404 for the member.
  const other = await matePage.goto("/o/not-my-org");
  expect(other?.status()).toBe(404);
});
