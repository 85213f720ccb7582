// npm runs this after an install. In a checkout (this package is the project being installed) it
// generates the Prisma client. Installed as a dependency of another project — for its bins,
// `signaldiff` and `signaldiff-agent`, committed bundles that need nothing but Node — it does
// nothing: prisma.config.ts needs devDependencies such a project does not have, and nothing there
// uses the client. Plain JavaScript with node: imports only, since tsx may not be installed yet.
import { spawnSync } from "node:child_process";
import path from "node:path";

if (process.cwd().split(path.sep).includes("node_modules")) process.exit(0);
const result = spawnSync("prisma", ["generate"], { stdio: "inherit" });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
