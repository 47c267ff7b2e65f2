/** The Postgres error code and constraint of a failed statement, whichever driver raised it. */
export function pgError(e: unknown): { code?: string; constraint: string } {
  const err = ((e as { cause?: unknown })?.cause ?? e) as { code?: string; constraint_name?: string; constraint?: string } | undefined;
  return { code: err?.code, constraint: err?.constraint_name ?? err?.constraint ?? "" };
}

export const NAME_TAKEN = "Another connection of this organization already has that name.";

/** A concurrent create/rename with the same name: the same field message as the check before it. */
export function isNameTaken(e: unknown) {
  const { code, constraint } = pgError(e);
  return code === "23505" && constraint === "provider_connections_orgId_name_unique";
}
