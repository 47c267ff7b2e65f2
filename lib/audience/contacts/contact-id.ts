import { decodeId, encodeId } from "@/lib/ids";
import { AppError } from "@/lib/errors";

export const CONTACT_NOT_FOUND = "That contact does not exist in this organization.";

/** `ct_<base36>` -> the bigint key; anything malformed is the same NOT_FOUND as a miss. */
export function parseContactId(id: string): number {
  const n = decodeId("ct", id);
  if (n === null) throw new AppError("NOT_FOUND", CONTACT_NOT_FOUND);
  return n;
}

export const contactPublicId = (id: number) => encodeId("ct", id);
