import { expect, test } from "@playwright/test";
import { PLANS } from "../../lib/billing/plans";
import { createOrg, signUpWithCode, uniqueEmail } from "./helpers";

// The app runs against tests/fakes/stripe-server.ts: Checkout there completes the payment,
// delivers a signed checkout.session.completed to Herald's webhook, and returns to Herald.
test("an owner upgrades through Checkout; the webhook moves the org to the new plan and its limits", async ({ page }) => {
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { name: "Basic", exact: true }).first()).toBeVisible();

  await signUpWithCode(page, uniqueEmail("payer"), "Penny Payer");
  await createOrg(page, "Paying Co");
  const base = new URL(page.url()).pathname.replace(/\/$/, "");

  await page.getByRole("link", { name: "Billing" }).first().click();
  await expect(page.getByRole("heading", { name: "Hobby plan" })).toBeVisible();
  await expect(page.getByTestId("plan-hobby")).toContainText("Current plan");

  await page.getByTestId("plan-basic").getByRole("button", { name: "Upgrade to Basic" }).click();
  await page.waitForURL(/\/billing\?checkout=success/);
  await expect(page.getByRole("heading", { name: "Basic plan" })).toBeVisible();
  await expect(page.getByTestId("plan-basic")).toContainText("Current plan");
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeVisible();

  // The new limits apply: Basic's seats show on the overview.
  await page.goto(base);
  await expect(page.getByText(`of ${PLANS.basic.seats} seats used`)).toBeVisible();
});
