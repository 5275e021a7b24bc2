import { pino } from "pino";
import { openDatabase } from "../../db/client.js";
import { migrationStatus, runMigrations } from "../../db/migrate.js";
import { CliUsageError, type Command } from "../command.js";

/** `docket migrate status|up`: inspect or apply the SQL migrations. */
export const migrateCommand: Command = {
  name: "migrate",
  summary: "Show (status) or apply (up) database migrations",
  help: "Usage: docket migrate status | up\n\n  status  list migrations and whether each is applied\n  up      apply pending migrations",
  async run(args, config) {
    const [action = "status", ...extra] = args;
    if (!["status", "up"].includes(action) || extra.length > 0) {
      throw new CliUsageError(`migrate takes "status" or "up" (got "${args.join(" ")}")`);
    }
    const log = pino(
      { level: config.log.level === "info" ? "warn" : config.log.level },
      pino.destination(2),
    );
    const database = await openDatabase(config, log);
    try {
      const where =
        database.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
      if (action === "up") {
        const before = (await migrationStatus(database)).filter((m) => !m.applied).length;
        await runMigrations(database);
        console.log(`Applied ${before} migration(s) to the ${where}.`);
      }
      const states = await migrationStatus(database);
      for (const state of states) {
        console.log(`${state.applied ? "applied" : "pending"}  ${state.name}`);
      }
      const pending = states.filter((state) => !state.applied).length;
      console.log(`${states.length - pending} applied, ${pending} pending (${where}).`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
