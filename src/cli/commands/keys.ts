import { eq } from "drizzle-orm";
import { user } from "../../db/schema/auth.js";
import { createApiKeyService } from "../../modules/account/api-key.service.js";
import { AppError } from "../../errors.js";
import { CliUsageError, parseFlags, type Command } from "../command.js";
import { defaultAccountCliDeps, type AccountCliDeps } from "./cli-app.js";

const HELP = `Usage:
  docket keys create --email EMAIL --name NAME [--expires-in-days N]

Creates an API key for the user and prints it once; only its hash is stored.
Use it as "X-API-Key: <key>" or "Authorization: Bearer <key>".`;

/** Builds `docket keys` over the given dependencies (tests pass fakes). */
export function createKeysCommand(deps: AccountCliDeps = defaultAccountCliDeps): Command {
  return {
    name: "keys",
    summary: "Create API keys for a user",
    help: HELP,
    async run(args, config) {
      const [action, ...rest] = args;
      if (action !== "create") {
        throw new CliUsageError(`keys takes "create" (got "${args.join(" ")}")\n\n${HELP}`);
      }
      const { values } = parseFlags(rest, {
        email: { type: "string" },
        name: { type: "string" },
        "expires-in-days": { type: "string" },
      });
      const email = values.email?.trim().toLowerCase();
      const name = values.name?.trim();
      if (!email || !name) throw new CliUsageError("keys create needs --email and --name");
      if (name.length > 100) throw new CliUsageError("--name must be at most 100 characters");
      const rawDays = values["expires-in-days"];
      const days = rawDays === undefined ? undefined : Number(rawDays);
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new CliUsageError(
          `--expires-in-days must be a whole number from 1 to 3650 (got "${rawDays ?? ""}")`,
        );
      }

      const { app, close } = await deps.openApp(config);
      try {
        const [owner] = await app.db
          .select({ id: user.id, timezone: user.timezone })
          .from(user)
          .where(eq(user.email, email))
          .limit(1);
        if (!owner) {
          deps.err(`docket: no user with the email ${email} (see "docket users list")`);
          return 1;
        }
        const created = await createApiKeyService(app.db).createKey(
          { userId: owner.id, timezone: owner.timezone, via: "api_key" },
          { name, ...(days === undefined ? {} : { expires_in_days: days }) },
        );
        deps.out(created.key);
        deps.err(
          `API key "${name}" for ${email} created${created.expiresAt ? `, expires ${created.expiresAt.toISOString()}` : ""}. It is shown only once: store it now.`,
        );
        return 0;
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          deps.err(`docket: ${error.message}`);
          return 1;
        }
        throw error;
      } finally {
        await close();
      }
    },
  };
}

/** `docket keys create`. */
export const keysCommand = createKeysCommand();
