import { startServer } from "../../main.js";
import { parseFlags, type Command } from "../command.js";

/** `docket serve`: run the HTTP server (the default for `npm start`). */
export const serveCommand: Command = {
  name: "serve",
  summary: "Run the HTTP server, MCP endpoint and web UI",
  help: "Usage: docket serve [--port N] [--host H]\n\nStarts the server. Configuration comes from the environment and .env.",
  async run(args, config) {
    const { values } = parseFlags(args, { port: { type: "string" }, host: { type: "string" } });
    const port = values.port === undefined ? config.server.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      console.error(
        `docket: --port must be an integer from 0 to 65535 (got "${values.port ?? ""}")`,
      );
      return 2;
    }
    await startServer({
      ...config,
      server: { ...config.server, port, host: values.host ?? config.server.host },
    });
    return 0;
  },
};
