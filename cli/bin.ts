// The `signaldiff` process: run the command, exit with its code.
import { processIo } from "./io";
import { run } from "./main";

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
