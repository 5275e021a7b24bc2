import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import { buildApp, type App } from "../../app.js";
import type { AppConfig } from "../../config.js";
import { user } from "../../db/schema/auth.js";
import { createMcpServerFactory } from "../../mcp/mcp.server.js";
import { docketMcpTools } from "../../mcp/mcp.tools.js";
import type { Actor } from "../../modules/auth/actor.js";
import { loggerOptions } from "../../platform/logging.js";
import { CliUsageError, parseFlags, type Command } from "../command.js";

/** The actor an API key stands for, checked by the same hook as HTTP requests (via /api/me). */
async function actorFromApiKey(app: App, key: string): Promise<Actor> {
  const response = await app.inject({
    method: "GET",
    url: "/api/me",
    headers: { "x-api-key": key },
  });
  if (response.statusCode !== 200) {
    throw new CliUsageError("the API key is not valid (revoked, expired or mistyped)");
  }
  const me = response.json<{ id: string; timezone: string }>();
  return { userId: me.id, timezone: me.timezone, via: "api_key" };
}

/** Whoever can run the CLI can read the database, so naming the account by email is enough. */
async function actorFromEmail(app: App, email: string): Promise<Actor> {
  const [row] = await app.db
    .select({ id: user.id, timezone: user.timezone })
    .from(user)
    .where(eq(user.email, email.trim().toLowerCase()))
    .limit(1);
  if (!row) throw new CliUsageError(`no account has the email "${email}"`);
  return { userId: row.id, timezone: row.timezone, via: "cli" };
}

/** `docket mcp`: the MCP server over stdio, for clients that only launch local processes. */
export const mcpCommand: Command = {
  name: "mcp",
  summary: "Serve MCP over stdio for one user (--api-key or --email)",
  help: [
    "Usage: docket mcp --api-key dk_... | --email you@example.com",
    "",
    "Speaks MCP (JSON-RPC) on stdin/stdout for clients that launch a local process, such as",
    "Claude Desktop. Logs go to stderr. The key may also come from DOCKET_API_KEY.",
    "With the embedded database, stop `docket serve` first (one process owns DATA_DIR) or point",
    "DATABASE_URL at PostgreSQL.",
  ].join("\n"),
  async run(args, config: AppConfig) {
    const { values } = parseFlags(args, {
      "api-key": { type: "string" },
      email: { type: "string" },
    });
    const apiKey = values["api-key"] ?? process.env.DOCKET_API_KEY;
    if (!apiKey === !values.email) {
      throw new CliUsageError("give exactly one of --api-key (or DOCKET_API_KEY) and --email");
    }
    // stdout carries the protocol: every log line goes to stderr, as JSON (no pretty transport,
    // which would write to stdout).
    const logger = pino(
      loggerOptions({ log: { level: config.log.level, format: "json" } }),
      pino.destination(2),
    );
    const app = await buildApp(config, { logger, webUi: false });
    await app.ready();
    // An unknown key or email ends the command: release the database before saying why.
    const actor = await (
      apiKey ? actorFromApiKey(app, apiKey) : actorFromEmail(app, values.email ?? "")
    ).catch(async (error: unknown) => {
      await app.close();
      throw error;
    });
    const server = createMcpServerFactory(app.log)(docketMcpTools(app).tools(actor));
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
      process.stdin.on("end", resolve);
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.connect(transport);
    logger.info({ tools: docketMcpTools(app).toolNames.length }, "MCP over stdio ready");
    await closed;
    await server.close();
    await app.close();
    return 0;
  },
};
