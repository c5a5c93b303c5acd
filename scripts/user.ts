/**
 * Account management from the command line:
 *   npm run user -- add <email> [--name "Full Name"] [--admin]
 *   npm run user -- list
 *   npm run user -- remove <email> [--yes]
 *   npm run user -- reset-password <email>
 * Passwords are read from standard input (first line) when it is not a
 * terminal, otherwise from a prompt that does not echo. They are never
 * accepted as arguments, which would leave them in shell history.
 */
import nextEnv from "@next/env";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { createAccount, emailSchema, nameSchema, newPasswordSchema, resetPassword } from "@/lib/auth/accounts";
import { removeAccount } from "@/lib/auth/remove-account";
import { getBlobStore } from "@/lib/blobs";
import { describeForLog } from "@/lib/log";
import { getStore } from "@/lib/store";
import { EmailTakenError, type Store } from "@/lib/store/types";

const USAGE = `Usage:
  npm run user -- add <email> [--name "Full Name"] [--admin]
  npm run user -- list
  npm run user -- remove <email> [--yes]
  npm run user -- reset-password <email>

Passwords are read from standard input when it is piped, or asked for without echo.`;

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
  switch (command) {
    case "add": {
      const email = parseEmail(target);
      const name = nameSchema.safeParse(values.name ?? email.split("@")[0]);
      if (!name.success) throw new UsageError(name.error.issues[0].message);
      const password = await readNewPassword();
      // The first account is the administrator, as on the first-run page.
      const db = await store();
      const role = values.admin || (await db.countUsers()) === 0 ? "admin" : "user";
      const user = await createAccount(db, { email, name: name.data, password }, role);
      console.log(`Added ${user.email} (${user.role}).`);
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
      const db = await store();
      const user = await db.getUserByEmail(email);
      if (!user) throw new UsageError(`No account with the email ${email}.`);
      if (!values.yes && process.stdin.isTTY && !(await confirm(`Remove ${email} and all of their conversations?`))) {
        console.log("Nothing removed.");
        return;
      }
      await removeAccount(db, await getBlobStore(), user.id);
      console.log(`Removed ${email}.`);
      return;
    }
    case "reset-password": {
      const email = parseEmail(target);
      const password = await readNewPassword();
      if (!(await resetPassword(await store(), email, password))) throw new UsageError(`No account with the email ${email}.`);
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
    if (error instanceof EmailTakenError || error instanceof UsageError) {
      console.error(error.message);
    } else {
      console.error(describeForLog(error));
    }
    process.exitCode = 1;
  } finally {
    await (await opened?.catch(() => undefined))?.close();
  }
}

void main();
