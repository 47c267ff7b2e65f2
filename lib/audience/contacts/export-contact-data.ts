import type { Actor } from "@/lib/orgs/actor";
import { getContact } from "./get-contact";

/**
 * Everything Herald holds about one contact, for a data-subject access request (GDPR art. 15):
 * the fields, consent, custom attributes, lists, the whole status history and suppressions.
 */
export async function exportContactData(actor: Actor, input: { id: string }) {
  const detail = await getContact(actor, input, { historyLimit: 100_000 });
  const { contact } = detail;
  return {
    exportedAt: new Date().toISOString(),
    contact: {
      id: contact.id,
      email: contact.email,
      phone: contact.phone,
      firstName: contact.firstName,
      lastName: contact.lastName,
      timezone: contact.timezone,
      tags: contact.tags,
      attributes: contact.attributes,
      operatorCode: contact.operatorCode,
      notifyFrom: contact.notifyFrom,
      notifyTo: contact.notifyTo,
      status: contact.status,
      statusChangedAt: contact.statusChangedAt,
      statusReason: contact.statusReason,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    },
    consent: { source: contact.consentSource, at: contact.consentAt, ip: contact.consentIp },
    lists: detail.lists.map((l) => ({ name: l.name, status: l.status, joinedAt: l.joinedAt })),
    history: detail.history.map((h) => ({ kind: h.kind, fromStatus: h.fromStatus, toStatus: h.toStatus, reason: h.reason, at: h.createdAt })),
    suppressions: detail.suppressions,
  };
}

export type ContactDataExport = Awaited<ReturnType<typeof exportContactData>>;
