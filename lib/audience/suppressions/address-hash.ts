import { sql, type SQL } from "drizzle-orm";
import { sha256 } from "@/lib/crypto";

/** sha256 of the normalised address (lowercased e-mail or E.164 phone). */
export const addressHash = (address: string) => sha256(address.trim().toLowerCase());

/** The same hash computed in SQL, so a set-based query can join contacts to suppressions. */
export const addressHashSql = (column: SQL | unknown) => sql`encode(sha256(convert_to(lower(${column}), 'UTF8')), 'hex')`;
