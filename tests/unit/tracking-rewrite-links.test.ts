import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { prepareTracking } from "@/lib/tracking/prepare-tracking";
import { rewriteLinks } from "@/lib/tracking/rewrite-links";
import { clickToken, openToken, verifyToken } from "@/lib/tracking/tracking-token";

const BASE = "https://herald.example.com";
const MSG = 4242;
const click = (i: number) => `${BASE}/t/c/${clickToken(MSG, i)}`;
const PIXEL = () => `<img src="${BASE}/t/o/${openToken(MSG)}" width="1" height="1" alt="" style="display:block;border:0">`;
const rewrite = (html: string) => rewriteLinks(html, { messageId: MSG, baseUrl: BASE });

beforeAll(() => {
  process.env.HERALD_HMAC_KEY = "r".repeat(64);
  resetEnvCache();
});

describe("rewriteLinks: which links are wrapped", () => {
  it.each([
    ["double quotes", `<a href="https://example.com/a">A</a>`, `<a href="${"CLICK0"}">A</a>`, ["https://example.com/a"]],
    ["single quotes", `<a href='https://example.com/a'>A</a>`, `<a href="CLICK0">A</a>`, ["https://example.com/a"]],
    ["no quotes", `<a href=https://example.com/a>A</a>`, `<a href="CLICK0">A</a>`, ["https://example.com/a"]],
    ["upper-case tag, attribute and scheme", `<A HREF="HTTP://Example.com/X">A</A>`, `<A href="CLICK0">A</A>`, ["HTTP://Example.com/X"]],
    ["&amp; decoded in links", `<a href="https://e.com/?a=1&amp;b=2">A</a>`, `<a href="CLICK0">A</a>`, ["https://e.com/?a=1&b=2"]],
    ["spaces around the URL", `<a href="  https://e.com/x\n">A</a>`, `<a href="CLICK0">A</a>`, ["https://e.com/x"]],
    ["other attributes kept as written", `<a class='btn' HREF = "https://e.com" target=_blank style="color:red">A</a>`, `<a class='btn' href="CLICK0" target=_blank style="color:red">A</a>`, ["https://e.com"]],
    ["Herald's other pages are tracked", `<a href="${BASE}/blog">A</a>`, `<a href="CLICK0">A</a>`, [`${BASE}/blog`]],
    ["the first of two hrefs, as browsers do", `<a href="https://one.com" href="https://two.com">A</a>`, `<a href="CLICK0" href="https://two.com">A</a>`, ["https://one.com"]],
  ])("%s", (_name, html, expected, links) => {
    const out = rewrite(html);
    expect(out.links).toEqual(links);
    expect(out.html).toBe(expected.replace("CLICK0", click(0)) + PIXEL());
  });

  it.each([
    ["mailto", `<a href="mailto:hi@example.com">mail</a>`],
    ["tel", `<a href="tel:+15551234567">call</a>`],
    ["an anchor", `<a href="#top">top</a>`],
    ["a relative address", `<a href="/pricing">p</a>`],
    ["javascript", `<a href="javascript:alert(1)">x</a>`],
    ["the unsubscribe link", `<a href="${BASE}/u/abc123">Unsubscribe</a>`],
    ["the preference centre", `<a href='${BASE}/p/xyz'>Preferences</a>`],
    ["an already tracked link", `<a href="${BASE}/t/c/abc">x</a>`],
    ["a link marked no-track (after href)", `<a href="https://e.com" data-herald-no-track>x</a>`],
    ["a link marked no-track (before href)", `<a data-herald-no-track="" href="https://e.com">x</a>`],
    ["an anchor without href", `<a name="top">x</a>`],
    ["an empty href", `<a href>x</a>`],
    ["a link in a comment", `<!-- <a href="https://e.com">x</a> -->`],
    ["a link in a script", `<script>var s = '<a href="https://e.com">x</a>';</script>`],
    ["a link in a style", `<style>a[href="https://e.com"] { color: red }</style>`],
    ["a non-anchor href", `<link href="https://e.com/s.css" rel="stylesheet"><area href="https://e.com/map">`],
  ])("leaves %s untouched", (_name, html) => {
    const out = rewrite(html);
    expect(out.links).toEqual([]);
    expect(out.html).toBe(html + PIXEL());
  });

  it("gives the same URL one index and each distinct URL its own, in order", () => {
    const html = `<a href="https://e.com/a">logo</a><a href="https://e.com/b">b</a><a href='https://e.com/a'>button</a>`;
    const out = rewrite(html);
    expect(out.links).toEqual(["https://e.com/a", "https://e.com/b"]);
    expect(out.html).toBe(`<a href="${click(0)}">logo</a><a href="${click(1)}">b</a><a href="${click(0)}">button</a>${PIXEL()}`);
  });

  it("signs tokens that verify to this message and the index of the original URL", () => {
    const out = rewrite(`<p><a href="https://e.com/one">1</a> <a href="https://e.com/two?x=1&amp;y=2">2</a></p>`);
    const hrefs = [...out.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    const claims = hrefs.map((h) => verifyToken(h.slice(`${BASE}/t/c/`.length), "click"));
    expect(claims).toEqual([
      { kind: "click", messageId: MSG, linkIndex: 0 },
      { kind: "click", messageId: MSG, linkIndex: 1 },
    ]);
    expect(claims.map((c) => out.links[c!.linkIndex!])).toEqual(["https://e.com/one", "https://e.com/two?x=1&y=2"]);
  });
});

describe("rewriteLinks: the open pixel", () => {
  it("goes just before </body>, whatever its case", () => {
    const html = `<html><body><p>Hi</p></BODY></html>`;
    expect(rewrite(html).html).toBe(`<html><body><p>Hi</p>${PIXEL()}</BODY></html>`);
  });

  it("goes at the end of a fragment, and only once", () => {
    const out = rewrite(`<p>Hi <a href="https://e.com">there</a></p>`).html;
    expect(out.endsWith(PIXEL())).toBe(true);
    expect(out.split("/t/o/")).toHaveLength(2);
  });

  it("ignores a </body> inside a comment", () => {
    expect(rewrite(`<body>x<!-- </body> --></body>`).html).toBe(`<body>x<!-- </body> -->${PIXEL()}</body>`);
  });

  it("carries an open token for this message; a trailing slash on the base is ignored", () => {
    const out = rewriteLinks("<p>x</p>", { messageId: MSG, baseUrl: `${BASE}/` }).html;
    const token = /\/t\/o\/([A-Za-z0-9_-]+)"/.exec(out)![1];
    expect(out).toContain(`src="${BASE}/t/o/`);
    expect(verifyToken(token, "open")).toEqual({ kind: "open", messageId: MSG });
  });
});

describe("prepareTracking", () => {
  const html = `<html><body><a href="https://e.com/a">a</a><a href="mailto:x@y.z">m</a><a href="https://e.com/b">b</a></body></html>`;

  it("renders each message like rewriteLinks does", () => {
    const prepared = prepareTracking(html, BASE);
    for (const id of [1, MSG, Number.MAX_SAFE_INTEGER]) {
      expect(prepared.render(id)).toBe(rewriteLinks(html, { messageId: id, baseUrl: BASE }).html);
    }
    expect(prepared.links).toEqual(["https://e.com/a", "https://e.com/b"]);
  });

  it("fills slots in document order, for providers that substitute per recipient", () => {
    const filled = prepareTracking(html, BASE).fill((slot) => (slot.kind === "open" ? "[[open]]" : `href="[[click${slot.linkIndex}]]"`));
    expect(filled).toBe(`<html><body><a href="[[click0]]">a</a><a href="mailto:x@y.z">m</a><a href="[[click1]]">b</a>[[open]]</body></html>`);
  });
});
