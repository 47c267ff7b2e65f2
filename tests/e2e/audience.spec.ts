import { expect, test, type Download } from "@playwright/test";
import { createOrg, openLatestMail, signUpWithCode, uniqueEmail } from "./helpers";

const CSV = [
  "Email Address,First Name,Last Name,Phone Number,TAGS",
  "ada@example.com,Ada,Lovelace,,vip",
  "bob@example.com,Bob,Builder,+4930123456,vip",
  "not-an-email,Bad,Row,,",
  "cy@example.com,Cy,Young,,",
  "ada@example.com,Ada,Again,,vip",
  "dee@example.com,Dee,Dee,,",
].join("\n");

async function downloadText(download: Download) {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString("utf8");
}

test("import a CSV with bad rows, watch it finish, download the failed rows, build a segment and export it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpWithCode(page, uniqueEmail("aud"), "Ari Audience");
  await createOrg(page, "Audience Co");
  const base = new URL(page.url()).pathname.replace(/\/$/, "");

  await page.goto(`${base}/lists`);
  await page.getByLabel("Name").fill("Newsletter");
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Newsletter" })).toBeVisible();

  // Upload, then map: the Mailchimp-style headers are matched automatically.
  await page.goto(`${base}/imports/new`);
  await page.locator("#csv-file").setInputFiles({ name: "mailchimp-export.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByText("Step 2 of 2: map the columns")).toBeVisible();
  await expect(page.locator("#map-0")).toHaveValue("email");
  await expect(page.locator("#map-1")).toHaveValue("first_name");
  await page.getByLabel("Newsletter").check();
  await page.getByLabel("Where did they give consent?").fill("Signup form on our website");
  await page.getByRole("button", { name: "Start import" }).click();

  // The job runs; the page shows the result when it is done.
  await expect(page.getByTestId("import-created")).toHaveText("4", { timeout: 30_000 });
  await expect(page.getByTestId("import-failed")).toHaveText("2");
  const [failed] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download failed rows (CSV)" }).click()]);
  const failedCsv = await downloadText(failed);
  expect(failedCsv).toMatch(/not-an-email/);
  expect(failedCsv).toMatch(/duplicate/i);
  expect(failedCsv).toMatch(/\b4\b/); // the bad row's line number

  await page.goto(`${base}/lists`);
  await expect(page.getByTestId("list-row").filter({ hasText: "Newsletter" })).toContainText("4");

  // A segment of the VIPs, counted live while it is built.
  await page.goto(`${base}/segments/new`);
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Value of rule 1").fill("vip");
  await expect(page.getByTestId("segment-count")).toContainText("2 contacts");
  await page.getByLabel("Segment name").fill("VIPs");
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "VIPs" })).toBeVisible();
  const segmentId = page.url().match(/seg_[0-9a-z]+/)?.[0];
  expect(segmentId).toBeTruthy();

  // Export the segment from the contacts table.
  await page.goto(`${base}/contacts?segmentId=${segmentId}`);
  await expect(page.getByText("bob@example.com")).toBeVisible();
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  const csv = await downloadText(exported);
  expect(csv.split(/\r?\n/)[0]).toMatch(/^email,/);
  expect(csv).toContain("ada@example.com");
  expect(csv).toContain("bob@example.com");
  expect(csv).not.toContain("cy@example.com");
});

test("a visitor subscribes through a list's public form and confirms by e-mail", async ({ page, browser }) => {
  await signUpWithCode(page, uniqueEmail("doi"), "Dora Optin");
  await createOrg(page, "Optin Co");
  const base = new URL(page.url()).pathname.replace(/\/$/, "");
  await page.goto(`${base}/lists`);
  await page.getByLabel("Name").fill("Weekly");
  await page.getByRole("button", { name: "Create list" }).click();
  const formUrl = await page.getByRole("textbox", { name: "Public form URL" }).inputValue();

  const visitor = await browser.newPage();
  const email = uniqueEmail("visitor");
  await visitor.goto(formUrl);
  await visitor.getByLabel(/e-mail/i).first().fill(email);
  await visitor.getByRole("button", { name: /subscribe/i }).click();
  await expect(visitor.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const mail = await openLatestMail(await browser.newPage(), email, /confirm/i);
  const link = mail.match(/https?:\/\/\S+\/s\/confirm\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await visitor.goto(link!);
  await visitor.getByRole("button", { name: "Yes, subscribe me" }).click();
  await expect(visitor.getByRole("heading", { name: "You are subscribed" })).toBeVisible();

  await page.goto(`${base}/contacts?q=${encodeURIComponent(email.slice(0, 12))}`);
  await expect(page.getByText(email)).toBeVisible();
  await page.goto(`${base}/suppressions`);
  await expect(page.getByRole("heading", { level: 1, name: "Suppressions" })).toBeVisible();
});
