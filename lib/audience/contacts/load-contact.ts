import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { contacts, type Contact } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { CONTACT_NOT_FOUND, parseContactId } from "./contact-id";

/** One contact of the org by its public id, locked for the transaction. Another org's id is NOT_FOUND. */
export async function loadContactForUpdate(tx: Tx, orgId: string, publicId: string): Promise<Contact> {
  const id = parseContactId(publicId);
  const [row] = await tx.select().from(contacts).where(and(eq(contacts.id, id), eq(contacts.orgId, orgId))).for("update");
  if (!row) throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND);
  return row;
}

export async function loadContact(on: Db | Tx, orgId: string, publicId: string): Promise<Contact> {
  const id = parseContactId(publicId);
  const [row] = await on.select().from(contacts).where(and(eq(contacts.id, id), eq(contacts.orgId, orgId)));
  if (!row) throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND);
  return row;
}
