import { describe, expect, it } from "vitest";
import { checkTemplate } from "@/lib/content/check-template";

const declared = ["plan", "city"];

describe("checkTemplate", () => {
  it("passes known variables and declared attributes, and lists what is used", () => {
    const r = checkTemplate(
      {
        subject: "Hi {{ contact.first_name | default: 'there' }}",
        html: '<p>{{ contact.attributes.plan }} {{ contact.tags.size }} {{ contact.tags[0] }} {{ org.name }}</p><a href="{{ unsubscribe_url }}">u</a>{% for t in contact.tags %}{{ t }} {{ forloop.index }}{% endfor %}{% assign x = org.postal_address %}{{ x }}',
        text: "{{ preferences_url }} {{ campaign.name }}",
      },
      declared,
    );
    expect(r.errors).toEqual({});
    expect(r.variables).toEqual(["campaign.name", "contact.attributes.plan", "contact.first_name", "contact.tags", "org.name", "org.postal_address", "preferences_url", "unsubscribe_url"]);
  });

  it("reports an unknown variable with its field and line", () => {
    const r = checkTemplate({ subject: "Hi", html: "<p>ok</p>\n<p>\n{{ contact.frist_name }}</p>" }, declared);
    expect(r.errors.html).toBe('Line 3: "contact.frist_name" is not a known variable.');
    expect(r.errors.subject).toBeUndefined();
  });

  it.each([
    ["{{ user.name }}", '"user.name" is not a known variable'],
    ["{{ contact.email.domain }}", '"contact.email.domain" is not a known variable'],
    ["{{ org.stripe_customer_id }}", '"org.stripe_customer_id" is not a known variable'],
    ["{{ contact.attributes[key] }}", "write the attribute's name out"],
  ])("refuses %s", (smsBody, message) => {
    expect(checkTemplate({ smsBody }, declared).errors.smsBody).toContain(message);
  });

  it("reports an undeclared attribute", () => {
    const r = checkTemplate({ text: "{{ contact.attributes.city }}\n{{ contact.attributes.shoe_size }}" }, declared);
    expect(r.errors.text).toBe('Line 2: "contact.attributes.shoe_size" is not a declared contact attribute.');
  });

  it("reports syntax errors with their line", () => {
    expect(checkTemplate({ html: "<p>a</p>\n{% if contact.email %}\n<p>b</p>" }, declared).errors.html).toMatch(/^Line 2: tag \{% if contact.email %\} not closed\.$/);
    expect(checkTemplate({ subject: "Hi {{ contact.first_name" }, declared).errors.subject).toMatch(/^Line 1: output .* not closed\.$/);
    expect(checkTemplate({ html: "a\n\n{% bogus %}" }, declared).errors.html).toMatch(/^Line 3: tag "bogus" not found\.$/);
  });

  it("refuses an unknown filter", () => {
    expect(checkTemplate({ subject: "{{ contact.email | shout }}" }, declared).errors.subject).toBe('Line 1: Unknown filter "shout".');
  });

  it.each(['{% include "/etc/passwd" %}', '{% render "x" %}', '{% layout "x" %}'])("refuses file tags: %s", (html) => {
    expect(checkTemplate({ html }, declared).errors.html).toMatch(/is not available in templates/);
  });

  it("caps the messages per field", () => {
    const r = checkTemplate({ html: [1, 2, 3, 4, 5].map((n) => `{{ nope${n} }}`).join("\n") }, declared);
    expect(r.errors.html).toContain("Line 3:");
    expect(r.errors.html).not.toContain("Line 4:");
    expect(r.errors.html).toContain("(and 2 more)");
  });
});
