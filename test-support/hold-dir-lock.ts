/**
 * Holds an embedded-database lock for a test: prints "held" once it has it
 * (or the refusal on stderr, exiting 1), and lets go when stdin closes.
 *   tsx test-support/hold-dir-lock.ts <lock file> <database dir>
 */
import { acquireDirLock, releaseDirLock } from "../lib/store/sql/dir-lock";

const [lockPath, dir] = process.argv.slice(2);

try {
  await acquireDirLock(lockPath, dir);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write("held\n");
process.stdin.resume();
process.stdin.on("end", async () => {
  await releaseDirLock(lockPath);
  process.exit(0);
});
