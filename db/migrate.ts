// `npm run db:migrate`: applies committed migrations to DATABASE_URL (or the PGlite in .data/).
import { closeDb, dbKind, ensureDb } from "./index";

async function main() {
  await ensureDb();
  console.log(`[herald] migrations applied (${dbKind()})`);
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
