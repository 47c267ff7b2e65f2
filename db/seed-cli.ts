// `npm run db:seed`: migrates, then adds the demo data to an empty database.
import { closeDb, ensureDb } from "./index";
import { DEMO, seedDemo } from "./seed";

async function main() {
  await ensureDb();
  const { seeded } = await seedDemo();
  console.log(
    seeded
      ? `[herald] seeded demo data: sign in as ${DEMO.email} / ${DEMO.password} (org "${DEMO.orgName}")`
      : "[herald] the database already has users; demo data not added",
  );
  await closeDb();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
