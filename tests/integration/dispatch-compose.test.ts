import { describe, expect, it } from "vitest";
import type { CampaignContent } from "@/db/schema";
import { compileEmail } from "@/lib/content/render-template";
import { composeEmail } from "@/lib/messages/compose/compose-email";
import { compileEmailPlan } from "@/lib/messages/compose/email-plan";
import { renderShared } from "@/lib/sending/providers/substitutions";
import { prepareTracking } from "@/lib/tracking/prepare-tracking";
import { verifyToken } from "@/lib/tracking/tracking-token";
import { EMAIL_CONTENT } from "@/tests/fixtures/messages";

const BASE = "https://app.herald.test";
const org = { name: "Acme & Co", postalAddress: "1 Main St\nSpringfield" };
const contact = (firstName: string | null) => ({ email: "ann@example.org", phone: null, firstName, lastName: "Lee", timezone: null, tags: ["vip", "new"], attributes: { plan: "pro" } });

function compose(content: Partial<CampaignContent>, firstName: string | null = "Ann", messageId = 4242) {
  const full: CampaignContent = { ...EMAIL_CONTENT, ...content };
  const plan = compileEmailPlan({ campaignId: "cmp_test", campaignName: "Spring", content: full, links: full.html ? prepareTracking(full.html, BASE).links : [], baseUrl: BASE, org });
  return { plan, message: composeEmail(plan, { email: "news@example.com", name: "News" }, { messageId, orgId: "org_test", contactId: 7, to: "ann@example.org", contact: contact(firstName) }) };
}

/** A rendered body with its per-message tokens blanked, to compare with a plain Liquid render. */
const untracked = (html: string) => html.replace(/\/t\/[oc]\/[A-Za-z0-9_-]+/g, "/t/x").replace(/\/[up]\/[A-Za-z0-9_.-]+/g, "/x");

const TEMPLATES: [string, Partial<CampaignContent>][] = [
  ["outputs only", {}],
  ["a tag around a tracked link", { html: '<body>{% if contact.first_name %}<p>Hi {{ contact.first_name }} <a href="https://x.test/a">a</a></p>{% else %}<p>Hi</p>{% endif %}</body>' }],
  ["a loop and filters", { html: "<ul>{% for t in contact.tags %}<li>{{ t | upcase }}</li>{% endfor %}</ul><p>{{ contact.attributes.plan | capitalize }}</p>" }],
  ["assign (rendered whole)", { html: '<body>{% assign n = contact.first_name | default: "friend" %}<h1>{{ n }}</h1><a href="https://x.test/b">b</a></body>', preheader: "For {{ contact.first_name }}" }],
  ["own text part", { text: "Hello {{ contact.first_name }}!\n{% if contact.last_name %}Dear {{ contact.last_name }}{% endif %}" }],
  ["no body tag", { html: '<p>Plain {{ contact.first_name }} <a href="https://x.test/c">c</a></p>', preheader: null }],
];

describe("composing a campaign message", () => {
  it.each(TEMPLATES)("%s: SendGrid's substitutions rebuild exactly the message SMTP sends", (_name, content) => {
    for (const first of ["Ann", null, '<b>"Bo" & Co</b>']) {
      const { message } = compose(content, first);
      expect(renderShared(message.shared!)).toEqual({ subject: message.subject, html: message.html, text: message.text });
      expect(message.html).not.toMatch(/\[\[|[\uE010\uE011]/);
      expect(message.text).not.toMatch(/\[\[|[\uE010\uE011]/);
    }
  });

  it.each(TEMPLATES)("%s: the body is what the template engine renders, plus footer and tracking", (_name, content) => {
    const full = { ...EMAIL_CONTENT, ...content };
    const expected = compileEmail({ subject: full.subject!, preheader: full.preheader, html: full.html!, text: full.text }).render({
      contact: contact("Ann"),
      org,
      campaign: { name: "Spring" },
      unsubscribeUrl: `${BASE}/u/tok`,
      preferencesUrl: `${BASE}/p/tok`,
    });
    const { message } = compose(content);
    expect(message.subject).toBe(expected.subject);
    // Our HTML = the engine's, links wrapped, with the footer and pixel before </body> (or at the end).
    const [head, tail = ""] = untracked(message.html).split('<div class="herald-footer"');
    const engineHtml = untracked(expected.html).replace(/href="https:\/\/(example\.com\/(offer|blog)[^"]*|x\.test\/[a-c])"/g, `href="${BASE}/t/x"`);
    expect(head + (tail.match(/<\/body>.*$/s)?.[0] ?? "")).toBe(engineHtml);
    expect(untracked(message.text).slice(0, untracked(expected.text).length)).toBe(untracked(expected.text));
    expect(message.text).toContain("1 Main St\nSpringfield");
  });

  it("keeps a text-only campaign text-only, with the footer in its text", () => {
    const { message } = compose({ html: null, text: "Hi {{ contact.first_name }}", preheader: null });
    expect(message.html).toBe("");
    expect(message.text).toMatch(/^Hi Ann\n\n--\nAcme & Co\n1 Main St\nSpringfield\n\nUnsubscribe: https:\/\/app\.herald\.test\/u\/\S+\nManage preferences: https:\/\/app\.herald\.test\/p\/\S+$/);
    expect(renderShared(message.shared!).text).toBe(message.text);
  });

  it("tracks each distinct link once by its launch index, signed for this message", () => {
    const { plan, message } = compose({}, "Ann", 99);
    expect(plan.untracked).toEqual([2]);
    const clicks = [...message.html.matchAll(/\/t\/c\/([A-Za-z0-9_-]+)/g)].map((m) => verifyToken(m[1], "click"));
    expect(clicks).toEqual([0, 1, 0].map((linkIndex) => ({ kind: "click", messageId: 99, linkIndex })));
    expect(message.headers?.["List-Unsubscribe"]).toContain(`${BASE}/u/`);
    expect(message.customArgs).toEqual({ herald_message_id: "msg_2r" });
  });
});
