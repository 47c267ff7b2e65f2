import type { Contact } from "@/db/schema";
import { contactPublicId } from "./contact-id";

/** A contact as every caller outside lib sees it: the public `ct_` id, times of day as HH:MM. */
export type ContactView = Omit<Contact, "id" | "orgId"> & { id: string };

const hhmm = (t: string | null) => (t ? t.slice(0, 5) : null);

export function toContactView(row: Contact): ContactView {
  const view: ContactView & { orgId?: string } = { ...row, id: contactPublicId(row.id), notifyFrom: hhmm(row.notifyFrom), notifyTo: hhmm(row.notifyTo) };
  delete view.orgId;
  return view;
}
