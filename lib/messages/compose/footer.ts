import type { Piece } from "./pieces";

/** The names of the per-message tokens a body refers to (see compose-email.ts). */
export const SLOT = { unsubscribe: "u", preferences: "p", open: "o", preheader: "pre", click: (index: number) => `c${index}` } as const;

export type FooterOrg = { name: string; postalAddress: string | null };

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const escapeAttribute = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

const addressLines = (postal: string | null) =>
  (postal ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * The footer every marketing e-mail carries (CAN-SPAM, RFC 8058's visible counterpart): who sent
 * it and from where (the org's postal address, required to launch), the unsubscribe link and the
 * preference centre. Static per org; only the two tokens change per message. Inline styles, since
 * mail clients drop `<style>` blocks.
 */
export function footerHtml(base: string, org: FooterOrg): Piece[] {
  const b = escapeAttribute(base);
  const link = "color:#6b7280;text-decoration:underline";
  const who = [org.name, ...addressLines(org.postalAddress)].filter(Boolean).map(escapeHtml).join("<br>");
  return [
    `<div class="herald-footer" style="margin:32px auto 0;padding:16px;max-width:600px;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#6b7280;text-align:center">` +
      `<p style="margin:0 0 8px">${who}</p>` +
      `<p style="margin:0"><a href="${b}/u/`,
    { slot: SLOT.unsubscribe },
    `" style="${link}">Unsubscribe</a> &middot; <a href="${b}/p/`,
    { slot: SLOT.preferences },
    `" style="${link}">Manage preferences</a></p></div>`,
  ];
}

export function footerText(base: string, org: FooterOrg): Piece[] {
  const who = [org.name, ...addressLines(org.postalAddress)].filter(Boolean).join("\n");
  return [`\n\n--\n${who}\n\nUnsubscribe: ${base}/u/`, { slot: SLOT.unsubscribe }, `\nManage preferences: ${base}/p/`, { slot: SLOT.preferences }];
}

/** The open pixel, as prepare-tracking.ts renders it, with its token as a slot. */
export function pixelHtml(base: string): Piece[] {
  return [`<img src="${escapeAttribute(base)}/t/o/`, { slot: SLOT.open }, `" width="1" height="1" alt="" style="display:block;border:0">`];
}

/** A tracked link's `href="..."`, as prepare-tracking.ts renders it, with its token as a slot. */
export function clickHref(base: string, index: number): Piece[] {
  return [`href="${escapeAttribute(base)}/t/c/`, { slot: SLOT.click(index) }, `"`];
}
