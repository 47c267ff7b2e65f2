import { expect, test } from "@playwright/test";
import { PLANS, PLAN_ORDER } from "../../lib/billing/plans";

test("the landing page says what Herald does and leads to sign-up", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/SMS/).first()).toBeVisible();
  await page.getByRole("link", { name: /Start free/ }).first().click();
  await expect(page).toHaveURL(/\/sign-up/);
});

test("the pricing page lists every plan from the plan table", async ({ page }) => {
  await page.goto("/pricing");
  for (const id of PLAN_ORDER) {
    await expect(page.getByRole("heading", { name: PLANS[id].name, exact: true }).first()).toBeVisible();
  }
});

test("health answers ok with the database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, version: expect.any(String) });
});

test("signed-out dashboard visits go to sign-in", async ({ page }) => {
  await page.goto("/o");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fo/);
});
