import { expect, test } from "@playwright/test";
import { createOrg, signUpWithCode, uniqueEmail } from "./helpers";

test("set a password, sign out, sign in with it; wrong passwords and bad settings are explained", async ({ page }) => {
  const email = uniqueEmail("pw");
  await signUpWithCode(page, email, "Pat Password");
  await createOrg(page, "Initech");

  // Settings: a bad timezone is refused beside the field, a good one saves.
  await page.getByRole("link", { name: "Settings" }).first().click();
  await page.getByLabel("Default timezone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Choose a valid IANA timezone")).toBeVisible();
  await page.getByLabel("Default timezone").fill("Europe/Berlin");
  await page.getByLabel("Postal address").fill("Initech, 4120 Freidrich Lane, Austin, TX");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();

  await page.goto("/account");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("short");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery");
  await page.getByLabel("Repeat the password").fill("correct horse battery");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Password set.")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/sign-in");
  await page.locator("#pw-email").fill(email);
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in with password" }).click();
  await expect(page.getByText("Wrong e-mail or password.")).toBeVisible();
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in with password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Initech" })).toBeVisible();
});

test("a wrong sign-in code is refused with the tries left", async ({ page }) => {
  const email = uniqueEmail("wrong");
  await page.goto("/sign-in");
  await page.getByLabel("Work e-mail").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in code" }).click();
  await page.getByLabel("Sign-in code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  // A 1-in-a-million chance that 000000 is right; then this test would see the onboarding page.
  await expect(page.getByText(/That code is not right\. 4 tries left\./)).toBeVisible();
});

test("changing the password signs out every other session but keeps this one", async ({ browser }) => {
  const email = uniqueEmail("rotate");
  const mine = await (await browser.newContext()).newPage();
  await signUpWithCode(mine, email, "Rita Rotate");
  await createOrg(mine, "Rotate Co");
  await mine.goto("/account");
  await mine.getByLabel("Password", { exact: true }).fill("first secret pass");
  await mine.getByLabel("Repeat the password").fill("first secret pass");
  await mine.getByRole("button", { name: "Set password" }).click();
  await expect(mine.getByText("Password set.")).toBeVisible();

  // Another browser signs in with it...
  const other = await (await browser.newContext()).newPage();
  await other.goto("/sign-in");
  await other.locator("#pw-email").fill(email);
  await other.getByLabel("Password").fill("first secret pass");
  await other.getByRole("button", { name: "Sign in with password" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Rotate Co" })).toBeVisible();

  // ...and loses its session when the password changes here.
  await mine.getByLabel("Current password").fill("first secret pass");
  await mine.getByLabel("New password").fill("second secret pass");
  await mine.getByLabel("Repeat the password").fill("second secret pass");
  await mine.getByRole("button", { name: "Change password" }).click();
  await expect(mine.getByText("Password changed.")).toBeVisible();
  await mine.goto("/o");
  await expect(mine.getByRole("heading", { level: 1, name: "Rotate Co" })).toBeVisible();
  await other.goto("/o");
  await expect(other).toHaveURL(/\/sign-in/);
});
