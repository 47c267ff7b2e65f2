import { describe, expect, it } from "vitest";
import { compile, engineFor, renderCompiled, TemplateError } from "@/lib/content/liquid-engine";
import { compileEmail, renderEmail, renderSms } from "@/lib/content/render-template";
import { SAMPLE_CONTACT, toScope, type RenderContext } from "@/lib/content/render-context";

function ctx(contact: Partial<RenderContext["contact"]> = {}): RenderContext {
  return {
    contact: { ...SAMPLE_CONTACT, attributes: { plan: "pro", seats: 0 }, ...contact },
    org: { name: "Acme & Co", postalAddress: "1 Main St, Springfield" },
    campaign: { name: "Spring sale" },
    unsubscribeUrl: "https://herald.test/u/tok?a=1&b=2",
    preferencesUrl: "https://herald.test/p/tok",
  };
}

const email = {
  subject: "Hi {{ contact.first_name }} from {{ org.name }}",
  preheader: "Only for {{ contact.first_name }}",
  html: '<html><body><h1>Hello {{ contact.first_name | default: "there" }}</h1><p>Your plan: {{ contact.attributes.plan }}.</p><a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>',
};

describe("renderEmail", () => {
  it("escapes values in the HTML, and only there", () => {
    const r = renderEmail(email, ctx({ firstName: "<script>alert(1)</script>" }));
    expect(r.html).toContain("Hello &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(r.html).not.toContain("<script>");
    expect(r.subject).toBe("Hi <script>alert(1)</script> from Acme & Co");
    expect(r.text).toContain("Hello <script>alert(1)</script>");
    expect(r.preheader).toBe("Only for <script>alert(1)</script>");
    // The preheader is HTML-escaped where it is injected into the HTML.
    expect(r.html).toContain("Only for &lt;script&gt;");
  });

  it("applies default for a missing or empty value", () => {
    expect(renderEmail(email, ctx({ firstName: null })).html).toContain("<h1>Hello there</h1>");
    expect(renderEmail(email, ctx({ firstName: "" })).html).toContain("<h1>Hello there</h1>");
    expect(renderEmail(email, ctx({ firstName: "Ada" })).html).toContain("<h1>Hello Ada</h1>");
  });

  it("renders attributes, tags, org and campaign", () => {
    const r = renderEmail(
      { subject: "{{ campaign.name }}", html: "<p>{{ contact.attributes.plan }} {{ contact.attributes.seats }} {{ contact.tags | join: ', ' }} {{ contact.tags.size }} {{ org.postal_address }}</p>" },
      ctx({ tags: ["vip", "beta"] }),
    );
    expect(r.subject).toBe("Spring sale");
    expect(r.html).toBe("<p>pro 0 vip, beta 2 1 Main St, Springfield</p>");
  });

  it("generates the text part from the HTML when the text is empty, links included", () => {
    const r = renderEmail(email, ctx({ firstName: "Ada" }));
    expect(r.text).toContain("Hello Ada");
    expect(r.text).toContain("Your plan: pro.");
    expect(r.text).toContain("Unsubscribe [https://herald.test/u/tok?a=1&b=2]");
    expect(r.text).not.toMatch(/<|&amp;/);
    const own = renderEmail({ ...email, text: "Plain {{ contact.first_name }}" }, ctx({ firstName: "Ada" }));
    expect(own.text).toBe("Plain Ada");
  });

  it("generates the same text with tags in the HTML, whether derived once or per render", () => {
    const html = '<body><p>{% if contact.attributes.plan == "pro" %}Pro{% else %}Free{% endif %} plan</p><ul>{% for t in contact.tags %}<li>{{ t }}</li>{% endfor %}</ul></body>';
    const r = renderEmail({ subject: "s", html }, ctx({ tags: ["a", "b"] }));
    expect(r.text).toBe("Pro plan\n\n * a\n * b");
    // Liquid inside a tag's attribute list cannot survive the one-time conversion: converted per render.
    const odd = renderEmail({ subject: "s", html: '<p {% if contact.first_name %}class="x"{% endif %}>Hi {{ contact.first_name }}</p>' }, ctx({ firstName: "Ada" }));
    expect(odd.text).toBe("Hi Ada");
  });

  it("injects the preheader as a hidden span at the top of the body", () => {
    const r = renderEmail(email, ctx({ firstName: "Ada" }));
    expect(r.html).toMatch(/<body><span class="preheader" style="display:none[^"]*">Only for Ada/);
    expect(renderEmail({ ...email, html: "<p>x</p>" }, ctx()).html).toMatch(/^<span class="preheader"/);
    expect(renderEmail({ ...email, preheader: "" }, ctx()).html).not.toContain("preheader");
  });

  it("keeps the subject on one line", () => {
    expect(renderEmail({ subject: "A\r\nBcc: x@evil.test {{ contact.first_name }}", html: "x" }, ctx({ firstName: "B\nC" })).subject).toBe("A Bcc: x@evil.test B C");
  });
});

describe("safety", () => {
  it.each(['{% include "/etc/passwd" %}', '{% render "/etc/passwd" %}', '{% layout "/etc/passwd" %}', "{% include contact.email %}"])("refuses file access: %s", (html) => {
    expect(() => renderEmail({ subject: "s", html }, ctx())).toThrow(TemplateError);
    expect(() => renderEmail({ subject: "s", html }, ctx())).toThrow(/not available in templates/);
  });

  it("stops a loop bomb instead of hanging", () => {
    const started = Date.now();
    expect(() => renderEmail({ subject: "s", html: "{% for i in (1..100000000) %}x{% endfor %}" }, ctx())).toThrow(/too much work/);
    expect(() => renderSms("{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}", ctx())).toThrow(/too much work/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("does not reach into prototypes", () => {
    expect(renderSms("[{{ contact.constructor }}][{{ org.__proto__ }}][{{ contact.email.constructor }}]", ctx())).toBe("[][][]");
  });

  it("refuses an unknown filter", () => {
    expect(() => renderSms("{{ contact.email | shout }}", ctx())).toThrow(/Unknown filter "shout"/);
  });
});

describe("renderSms", () => {
  it("renders the body verbatim, without HTML escaping", () => {
    expect(renderSms('Hi {{ contact.first_name | default: "there" }} & welcome to {{ org.name }}', ctx({ firstName: "<b>" }))).toBe("Hi <b> & welcome to Acme & Co");
  });
});

describe("the fast path", () => {
  const sources = [
    'Hi {{ contact.first_name }} {{ contact.last_name | default: "x" }} {{ contact.attributes.seats }} {{ contact.attributes.missing | default: "none" }}',
    "{{ contact.first_name | raw }} {{ contact.attributes.plan }} {{ org.name }} {{ contact['email'] }}",
    "<a href=\"{{ unsubscribe_url }}\">{{ campaign.name | default: 'c' }}</a>{{ contact }}{{ contact.tags }}",
    "{{ contact.attributes.flag | default: 'no' }} {{ contact.attributes.n }} {{ nothing.at.all }}",
  ];
  const contacts = [
    ctx({ firstName: `<O'Brien & "Co">`, lastName: null }),
    ctx({ firstName: "", lastName: "", attributes: { plan: "a<b", seats: 0, flag: false, n: 1.5 } }),
    ctx({ firstName: null, tags: [], attributes: { flag: true, missing: "" } }),
  ];
  it("renders exactly what Liquid renders", () => {
    for (const kind of ["html", "plain"] as const) {
      for (const source of sources) {
        const compiled = compile(kind, source);
        for (const c of contacts) {
          const scope = toScope(c);
          expect(renderCompiled(compiled, scope), `${kind}: ${source}`).toBe(String(engineFor(kind).renderSync(compiled.templates, scope)));
        }
      }
    }
    expect(compile("html", sources[0]).fast).not.toBeNull();
  });

  it("renders 10,000 contacts well under a second", () => {
    const content = {
      subject: "{{ contact.first_name | default: 'Hi' }}, news from {{ org.name }}",
      preheader: "This week at {{ org.name }}",
      html: `<html><body>${'<p>Hi {{ contact.first_name | default: "there" }}, your plan is {{ contact.attributes.plan }}.</p>'.repeat(10)}<a href="{{ unsubscribe_url }}">Unsubscribe</a> {{ org.postal_address }}</body></html>`,
    };
    const compiled = compileEmail(content);
    const contexts = Array.from({ length: 10_000 }, (_, i) => ctx({ firstName: `Name ${i}`, email: `c${i}@example.test` }));
    compiled.render(contexts[0]);
    const started = performance.now();
    for (const c of contexts) compiled.render(c);
    const ms = performance.now() - started;
    console.log(`rendered 10,000 e-mails in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1_000);
  });
});
