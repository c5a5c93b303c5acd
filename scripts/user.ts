/**
 * Account management from the command line:
 *   npm run user -- add <email> [--name "Full Name"] [--admin]
 *   npm run user -- invite <email> [--name "Full Name"] [--admin]
 *   npm run user -- list
 *   npm run user -- disable <email> | enable <email>
 *   npm run user -- remove <email> [--yes]
 *   npm run user -- reset-password <email>
 * Passwords are read from standard input (first line) when it is not a
 * terminal, otherwise from a prompt that does not echo. They are never
 * accepted as arguments, which would leave them in shell history. Changes
 * are written to the audit log as made from the command line.
 */
import nextEnv from "@next/env";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { recordAudit } from "@/lib/admin/audit";
import { addPerson, removePerson, setStatus } from "@/lib/admin/people";
import { createAccount, emailSchema, nameSchema, newPasswordSchema, resetPassword } from "@/lib/auth/accounts";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/errors/api-error";
import { getBlobStore } from "@/lib/blobs";
import { describeForLog } from "@/lib/log";
import { getStore } from "@/lib/store";
import { EmailTakenError, type Store, type UserRole } from "@/lib/store/types";

const USAGE = `Usage:
  npm run user -- add <email> [--name "Full Name"] [--admin]
  npm run user -- invite <email> [--name "Full Name"] [--admin]
  npm run user -- list
  npm run user -- disable <email>
  npm run user -- enable <email>
  npm run user -- remove <email> [--yes]
  npm run user -- reset-password <email>

"add" and "reset-password" read the password from standard input when it is
piped, or ask for it without echo. "invite" creates the account without a
password and prints a one-time link (7 days) with which the person chooses
one; set APP_URL to the address people open Parley at for a full link.

While the app runs on the embedded database, use its admin area instead
(Admin → Users, /admin/users): it does all of this without stopping the app.`;

/** The app's admin area does what this command does while the app holds the embedded database. */
const IN_USE_HINT =
  "While the app is running, add people, send invite and reset links, and disable or remove accounts " +
  "in its admin area instead (sign in as an admin, then Admin → Users, /admin/users); " +
  "this command needs the app stopped, or DATABASE_URL.";

class UsageError extends Error {}

async function readHiddenLine(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(new Error("Cancelled."));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

let pipedLines: Promise<string[]> | undefined;
async function readPipedLine(): Promise<string> {
  pipedLines ??= (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/);
  })();
  return (await pipedLines)[0] ?? "";
}

async function readNewPassword(): Promise<string> {
  const first = process.stdin.isTTY ? await readHiddenLine("Password: ") : await readPipedLine();
  const checked = newPasswordSchema.safeParse(first);
  if (!checked.success) throw new UsageError(checked.error.issues[0].message);
  if (!process.stdin.isTTY) return first;
  if ((await readHiddenLine("Repeat password: ")) !== first) throw new UsageError("The passwords do not match.");
  return first;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

function parseEmail(value: string | undefined): string {
  const parsed = emailSchema.safeParse(value ?? "");
  if (!parsed.success) throw new UsageError(value ? parsed.error.issues[0].message : "Give the account's email address.");
  return parsed.data;
}

let opened: Promise<Store> | undefined;
/** Opened only once the arguments are known to be good, so mistakes fail fast. */
function store(): Promise<Store> {
  opened ??= getStore();
  return opened;
}

async function run(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" }, admin: { type: "boolean" }, yes: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const [command, target] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  // The first account is the administrator, as on the first-run page.
  const roleFor = async (db: Store): Promise<UserRole> => (values.admin || (await db.countUsers()) === 0 ? "admin" : "user");
  const nameFor = (email: string): string => {
    const name = nameSchema.safeParse(values.name ?? email.split("@")[0]);
    if (!name.success) throw new UsageError(name.error.issues[0].message);
    return name.data;
  };
  const accountOf = async (email: string) => {
    const user = await (await store()).getUserByEmail(email);
    if (!user) throw new UsageError(`No account with the email ${email}.`);
    return user;
  };
  switch (command) {
    case "add": {
      const email = parseEmail(target);
      const name = nameFor(email);
      const password = await readNewPassword();
      const db = await store();
      const user = await createAccount(db, { email, name, password }, await roleFor(db));
      await recordAudit(db, null, "user_added", user, { role: user.role });
      console.log(`Added ${user.email} (${user.role}).`);
      return;
    }
    case "invite": {
      const email = parseEmail(target);
      const name = nameFor(email);
      const db = await store();
      const link = await addPerson(db, null, { email, name, role: await roleFor(db) });
      const base = getConfig().appUrl;
      console.log(`Added ${link.user.email} (${link.user.role}). Send them this link to choose a password; it works once, until ${link.expiresAt.toISOString()}:`);
      console.log(`${base ?? ""}${link.path}`);
      if (!base) console.error("(Only the path: put the address people open Parley at in front of it, or set APP_URL.)");
      return;
    }
    case "disable":
    case "enable": {
      const user = await accountOf(parseEmail(target));
      await setStatus(await store(), null, user.id, command === "disable" ? "disabled" : "active");
      console.log(command === "disable" ? `Disabled ${user.email}: they cannot sign in, and their sessions end.` : `Enabled ${user.email}.`);
      return;
    }
    case "list": {
      const users = await (await store()).listUsers();
      if (users.length === 0) {
        console.log("No accounts yet.");
        return;
      }
      for (const u of users) {
        console.log([u.email, u.role, u.name, u.createdAt.toISOString().slice(0, 10)].join("\t"));
      }
      return;
    }
    case "remove": {
      const email = parseEmail(target);
      const user = await accountOf(email);
      if (!values.yes && process.stdin.isTTY && !(await confirm(`Remove ${email} and all of their conversations?`))) {
        console.log("Nothing removed.");
        return;
      }
      await removePerson(await store(), null, user.id, email, await getBlobStore());
      console.log(`Removed ${email}.`);
      return;
    }
    case "reset-password": {
      const email = parseEmail(target);
      const password = await readNewPassword();
      const db = await store();
      if (!(await resetPassword(db, email, password))) throw new UsageError(`No account with the email ${email}.`);
      await recordAudit(db, null, "password_reset", await accountOf(email));
      console.log(`Password changed for ${email}.`);
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function main() {
  // The same .env files `next dev` and `next start` read, so the command
  // manages the database the app uses.
  nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
  try {
    await run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof EmailTakenError || error instanceof UsageError || error instanceof ApiError) {
      console.error(error.message);
    } else if (error instanceof Error && error.name === "DatabaseInUseError") {
      console.error(`${error.message}\n\n${IN_USE_HINT}`);
    } else {
      console.error(describeForLog(error));
    }
    process.exitCode = 1;
  } finally {
    await (await opened?.catch(() => undefined))?.close();
  }
}

void main();
