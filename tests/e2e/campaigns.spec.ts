import { expect, test } from "@playwright/test";
import {
  addContact,
  addEmailSender,
  createEmailCampaign,
  createEmailTemplate,
  createList,
  createOrg,
  launchCampaign,
  openLatestMail,
  orgBase,
  setPostalAddress,
  signUpWithCode,
  uniqueEmail,
} from "./helpers";

// A token as tracking-token.ts spells it: base64url, no padding.
const TOKEN = "[A-Za-z0-9_-]+";

test("a new user sends an e-mail campaign and sees its test, delivery, click and unsubscribe", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const me = uniqueEmail("owner");
  const friend = uniqueEmail("friend");
  await signUpWithCode(page, me, "Sam Sender");
  await createOrg(page, "Spring Co");
  const base = orgBase(page);

  await setPostalAddress(page, base, "Spring Co\n1 Market Street\nSpringfield, IL 62701");
  const myContact = await addContact(page, base, { email: me, firstName: "Sam", lastName: "Sender" });
  await addContact(page, base, { email: friend, firstName: "Frida" });

  await createList(page, base, "Spring list");
  await page.getByLabel("E-mail addresses").fill(`${me}\n${friend}`);
  await page.getByRole("button", { name: "Add to list" }).click();
  await expect(page.getByText("Added 2 contacts.")).toBeVisible();

  // The org starts without senders; the first one sends through the outbox.
  await page.goto(`${base}/senders`);
  await expect(page.getByText("No senders yet")).toBeVisible();
  await addEmailSender(page, base, { name: "Spring Co", email: "news@spring.example.test" });

  // The link points at the app itself: the machine has no internet, and the redirect must land somewhere real.
  await createEmailTemplate(page, base, {
    name: "Spring news",
    subject: "Spring news for {{ contact.first_name | default: 'you' }}",
    html: `<html><body><h1>Hello {{ contact.first_name }}</h1><p><a href="${baseURL}/pricing">See our prices</a></p></body></html>`,
  });

  await createEmailCampaign(page, base, { name: "Spring launch", template: "Spring news", list: "Spring list", sender: "news@spring.example.test" });
  await expect(page.getByTestId("review-recipients")).toHaveText("2");
  await expect(page.getByTestId("review-problems")).toHaveCount(0);

  // "Send a test" goes to the signed-in user by default, with a "[Test]" subject.
  await expect(page.getByLabel("E-mail address")).toHaveValue(me);
  await page.getByRole("button", { name: "Send a test" }).click();
  await expect(page.getByText(`Test sent to ${me}.`)).toBeVisible();
  const mailbox = await context.newPage();
  const testMail = await openLatestMail(mailbox, me, /\[Test\] Spring news for/);
  // A test counts nothing: its link is the one written, not a tracked one.
  expect(testMail).toContain(`${baseURL}/pricing`);
  expect(testMail).not.toContain("/t/c/");

  await launchCampaign(page, 2);
  const campaignUrl = new URL(page.url()).pathname;
  // The progress bar polls while the jobs runner dispatches; both messages go out within seconds.
  await expect(page.getByRole("progressbar", { name: "Campaign progress" })).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId("campaign-progress-text")).toHaveText("2 / 2 done (100%)");
  await expect(async () => {
    await page.goto(`${base}/campaigns`);
    await expect(page.getByTestId("campaign-row").filter({ hasText: "Spring launch" })).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // The delivered message, as the recipient sees it: personalised, with the org's footer.
  const text = await openLatestMail(mailbox, me, /^Spring news for Sam/);
  expect(text).toContain("1 Market Street");
  const unsubscribeLink = text.match(new RegExp(`https?://\\S+/u/${TOKEN}`))?.[0];
  expect(unsubscribeLink, "the footer's unsubscribe link in the text part").toBeTruthy();
  // Links are tracked in the HTML part only (the text part keeps them as written).
  const html = mailbox.frameLocator('iframe[title="Message HTML"]');
  await expect(html.getByRole("link", { name: "Unsubscribe" })).toHaveAttribute("href", unsubscribeLink!);
  const trackedLink = await html.getByRole("link", { name: "See our prices" }).getAttribute("href");
  expect(trackedLink).toMatch(new RegExp(`^${baseURL}/t/c/${TOKEN}$`));

  // The tracked link redirects to the page it stands for.
  await mailbox.goto(trackedLink!);
  await expect(mailbox).toHaveURL(`${baseURL}/pricing`);

  // The footer link asks first (GET never unsubscribes), then the button does it.
  await mailbox.goto(unsubscribeLink!);
  await expect(mailbox.getByRole("heading", { name: /^Unsubscribe .+ from Spring Co\?$/ })).toBeVisible();
  await mailbox.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(mailbox.getByTestId("unsubscribe-state")).toHaveText("You are unsubscribed");

  // The message log, filtered by the campaign, shows what happened to the message.
  await page.goto(campaignUrl);
  await page.getByRole("link", { name: "Message log" }).first().click();
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: "Spring launch" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/campaignId=cmp_/);
  await expect(page.getByTestId("message-row")).toHaveCount(2);
  const row = page.getByTestId("message-row").filter({ hasText: me });
  await expect(row).toContainText("Unsubscribed");
  await expect(page.getByTestId("message-row").filter({ hasText: friend })).toContainText("Sent");
  await row.getByRole("link", { name: me }).click();
  await expect(page.getByRole("heading", { level: 1, name: me })).toBeVisible();
  // Oldest first; the mailbox's preview may have loaded the open pixel in between.
  await expect(page.getByTestId("message-event")).toContainText(["Accepted by the provider", "Clicked a link", "Unsubscribed"]);

  // The contact is unsubscribed everywhere, not only from this campaign.
  await page.goto(myContact);
  await expect(page.getByRole("heading", { level: 1, name: "Sam Sender" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Resubscribe" })).toBeVisible();
  await page.goto(`${base}/contacts`);
  await expect(page.getByTestId("contact-row").filter({ hasText: me })).toContainText("Unsubscribed");
  await expect(page.getByTestId("contact-row").filter({ hasText: friend })).toContainText("Subscribed");
});

test("a Hobby org cannot launch a campaign larger than its remaining credits", async ({ page }) => {
  test.setTimeout(180_000);
  // Hobby has 1,000 credits a month and room for 500 contacts: two launches to all 500 spend them.
  const HOBBY_CONTACTS = 500;
  await signUpWithCode(page, uniqueEmail("hobby"), "Hobby Hana");
  await createOrg(page, "Hobby Co");
  const base = orgBase(page);
  await setPostalAddress(page, base, "Hobby Co\n2 Side Street\nSmalltown");
  await createList(page, base, "Everyone");

  const csv = ["email", ...Array.from({ length: HOBBY_CONTACTS }, (_, i) => `reader${i}@hobby.example.test`)].join("\n");
  await page.goto(`${base}/imports/new`);
  await page.locator("#csv-file").setInputFiles({ name: "readers.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.locator("#map-0")).toHaveValue("email");
  await page.getByLabel("Everyone").check();
  await page.getByLabel("Where did they give consent?").fill("Signup form on our website");
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByTestId("import-created")).toHaveText(String(HOBBY_CONTACTS), { timeout: 60_000 });

  // The slowest rate a sender allows: the launches only need to take the credits, not to deliver.
  await addEmailSender(page, base, { name: "Hobby Co", email: "hello@hobby.example.test", ratePerSecond: 0.1 });
  await createEmailTemplate(page, base, { name: "Hello", subject: "Hello", html: "<html><body><p>Hello from Hobby Co</p></body></html>" });

  await createEmailCampaign(page, base, { name: "First wave", template: "Hello", list: "Everyone", sender: "hello@hobby.example.test" });
  await expect(page.getByTestId("review-recipients")).toHaveText("500");
  await launchCampaign(page, HOBBY_CONTACTS);

  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByText("This is a copy of the campaign")).toBeVisible();
  await expect(page.getByTestId("review-recipients")).toHaveText("500");
  await launchCampaign(page, HOBBY_CONTACTS);

  // No credits left: the review says so, links to billing, and the launch is not offered.
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.getByText("This is a copy of the campaign")).toBeVisible();
  const problems = page.getByTestId("review-problems");
  await expect(problems).toContainText("This campaign needs 500 credits; you have 0.");
  await expect(problems.getByRole("link", { name: "Buy credits or change plan" })).toHaveAttribute("href", `${base}/billing`);
  await expect(page.getByRole("button", { name: "Launch campaign" })).toBeDisabled();
});
