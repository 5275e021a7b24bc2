import { asc } from "drizzle-orm";
import { isAPIError } from "better-auth/api";
import { z } from "zod";
import { user } from "../../db/schema/auth.js";
import { withAuthContext } from "../../modules/auth/auth-context.js";
import { checkPasswordPolicy } from "../../modules/auth/password.js";
import { CliUsageError, parseFlags, type Command } from "../command.js";
import { defaultAccountCliDeps, PasswordMismatchError, type AccountCliDeps } from "./cli-app.js";

const HELP = `Usage:
  docket users create --email EMAIL --name NAME   create an account (password prompted, or read from stdin)
  docket users list                               list accounts

Examples:
  docket users create --email ada@example.com --name "Ada Lovelace"
  printf '%s\\n' "$PASSWORD" | docket users create --email ada@example.com --name Ada`;

const emailSchema = z.email();

/** Builds `docket users` over the given dependencies (tests pass fakes). */
export function createUsersCommand(deps: AccountCliDeps = defaultAccountCliDeps): Command {
  return {
    name: "users",
    summary: "Create and list user accounts",
    help: HELP,
    async run(args, config) {
      const [action, ...rest] = args;
      if (action === "create") {
        const { values } = parseFlags(rest, {
          email: { type: "string" },
          name: { type: "string" },
        });
        const email = values.email?.trim().toLowerCase();
        const name = values.name?.trim();
        if (!email || !name) throw new CliUsageError("users create needs --email and --name");
        if (!emailSchema.safeParse(email).success) {
          throw new CliUsageError(`"${email}" is not a valid email address`);
        }
        if (name.length > 200) throw new CliUsageError("--name must be at most 200 characters");

        let password: string;
        try {
          password = await deps.readPassword(`Password for ${email}: `, true);
        } catch (error) {
          if (error instanceof PasswordMismatchError) {
            deps.err(`docket: ${error.message}`);
            return 1;
          }
          throw error;
        }
        const problem = checkPasswordPolicy(password);
        if (problem) {
          deps.err(`docket: ${problem.message}`);
          return 1;
        }

        const { app, close } = await deps.openApp(config);
        try {
          const created = await withAuthContext(() =>
            app.auth.api.signUpEmail({ body: { email, name, password } }),
          );
          deps.out(`Created user ${created.user.email} (id ${created.user.id}).`);
          return 0;
        } catch (error) {
          if (isAPIError(error)) {
            const code = (error.body as { code?: string } | undefined)?.code ?? "";
            deps.err(
              code.startsWith("USER_ALREADY_EXISTS")
                ? `docket: a user with the email ${email} already exists`
                : `docket: ${error.message}`,
            );
            return 1;
          }
          throw error;
        } finally {
          await close();
        }
      }
      if (action === "list") {
        parseFlags(rest, {});
        const { app, close } = await deps.openApp(config);
        try {
          const rows = await app.db
            .select({
              id: user.id,
              email: user.email,
              name: user.name,
              timezone: user.timezone,
              createdAt: user.createdAt,
            })
            .from(user)
            .orderBy(asc(user.createdAt), asc(user.email));
          if (rows.length === 0) {
            deps.out(
              "No users yet. Create one with: docket users create --email EMAIL --name NAME",
            );
            return 0;
          }
          const width = Math.max(5, ...rows.map((row) => row.email.length));
          deps.out(
            `${"EMAIL".padEnd(width)}  ${"CREATED".padEnd(24)}  ${"TIMEZONE".padEnd(20)}  NAME`,
          );
          for (const row of rows) {
            deps.out(
              `${row.email.padEnd(width)}  ${row.createdAt.toISOString().padEnd(24)}  ${row.timezone.padEnd(20)}  ${row.name}`,
            );
          }
          deps.out(`${String(rows.length)} user(s).`);
          return 0;
        } finally {
          await close();
        }
      }
      throw new CliUsageError(
        `users takes "create" or "list" (got "${args.join(" ")}")\n\n${HELP}`,
      );
    },
  };
}

/** `docket users create|list`. */
export const usersCommand = createUsersCommand();
