// npm run db:migration:check — fails when prisma/schema.prisma changed without a migration.
import { diffSinceLastMigration } from "./migrations-lib";

const { sql, status } = diffSinceLastMigration(["--exit-code"]);
if (status === 0) {
  console.log("Migrations are up to date with prisma/schema.prisma.");
} else if (status === 2) {
  console.error("prisma/schema.prisma changed without a migration. Pending SQL:\n" + sql);
  console.error("Create one with: npm run db:migration:new -- <name>");
  process.exit(1);
} else {
  process.exit(status);
}
