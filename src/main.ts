import { processIo } from "./cli/io.ts";
import { run } from "./cli/run.ts";

// No top-level await: the binary is compiled to bytecode, which needs a CommonJS-shaped entry.
void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
