import { pgError } from "@/db/errors";

export const NAME_TAKEN = "Another connection of this organization already has that name.";

/** A concurrent create/rename with the same name: the same field message as the check before it. */
export function isNameTaken(e: unknown) {
  const { code, constraint } = pgError(e);
  return code === "23505" && constraint === "provider_connections_orgId_name_unique";
}
