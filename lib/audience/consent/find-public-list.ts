import { sql } from "drizzle-orm";
import { query } from "@/db";
import { AppError } from "@/lib/errors";

export type PublicList = { id: string; orgId: string; name: string; orgName: string; doubleOptIn: boolean };

/** The list behind a public form token; unknown tokens are NOT_FOUND. */
export async function findPublicList(token: string): Promise<PublicList> {
  const [row] = await query<{ id: string; org_id: string; name: string; org_name: string; double_opt_in: boolean }>(
    sql`SELECT l.id, l.org_id, l.name, o.name AS org_name, l.double_opt_in
        FROM lists l JOIN orgs o ON o.id = l.org_id WHERE l.public_token = ${token.slice(0, 200)}`,
  );
  if (!row) throw new AppError("NOT_FOUND", "This subscribe form does not exist.");
  return { id: row.id, orgId: row.org_id, name: row.name, orgName: row.org_name, doubleOptIn: row.double_opt_in };
}
