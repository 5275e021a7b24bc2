import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../paths.js";
import { startCli } from "../../../test/helpers/cli.js";
import { dataDirWithUser, openDataDir } from "../../../test/helpers/data-dir.js";
import type { TestUser } from "../../../test/helpers/auth.js";
import { resultText } from "../../../test/helpers/mcp.js";

/** `docket mcp` as an MCP client launches it: a child process speaking JSON-RPC on stdio. */

let dataDir: string;
let owner: TestUser;

beforeAll(async () => {
  ({ dataDir, user: owner } = await dataDirWithUser("docket-mcp-", "Europe/Paris"));
}, 60_000);

function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, NODE_ENV: "development", LOG_LEVEL: "info", DATA_DIR: dataDir };
}

describe("docket mcp (stdio)", () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = "";
  const protocolErrors: Error[] = [];

  beforeAll(async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", "src/cli/index.ts", "mcp", "--email", owner.email.toUpperCase()],
      cwd: PROJECT_ROOT,
      env: childEnv(),
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: "docket-stdio-test", version: "1.0.0" });
    // A line on stdout that is not a JSON-RPC message surfaces here (the SDK cannot parse it).
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
  }, 90_000);

  afterAll(async () => {
    await client.close();
  });

  it("lists the documented tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      [
        "add_task",
        "complete_task",
        "delete_task",
        "list_tasks",
        "search_knowledge",
        "toggle_task_status",
        "update_task",
      ].sort(),
    );
  });

  it("adds a task for the named user and lists it back", async () => {
    const added = (await client.callTool({
      name: "add_task",
      arguments: { title: "Renew passport <script>alert(1)</script>" },
    })) as CallToolResult;
    expect(added.isError ?? false).toBe(false);
    const listed = (await client.callTool({ name: "list_tasks", arguments: {} })) as CallToolResult;
    expect(listed.isError ?? false).toBe(false);
    expect(resultText(listed)).toContain("Renew passport <script>alert(1)</script>");
  });

  it("reports a bad argument as a tool error, not a protocol failure", async () => {
    const result = (await client.callTool({
      name: "complete_task",
      arguments: { task_id: "00000000-0000-0000-0000-000000000000" },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
  });

  it("keeps stdout for protocol messages only: logs go to stderr", () => {
    expect(protocolErrors).toEqual([]);
    expect(stderr).toContain("MCP over stdio ready");
  });

  it("stored the task in the database, owned by that user", async () => {
    await client.close();
    // The child releases DATA_DIR when stdin closes; give it time to exit before reopening.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const app = await openDataDir(dataDir);
        try {
          const response = await app.inject({
            method: "GET",
            url: "/api/tasks?status=all",
            headers: owner.headers,
          });
          expect(response.statusCode).toBe(200);
          const titles = response.json<{ tasks: { title: string }[] }>().tasks.map((t) => t.title);
          expect(titles).toEqual(["Renew passport <script>alert(1)</script>"]);
        } finally {
          await app.close();
        }
        break;
      } catch (error) {
        if (Date.now() > deadline || !/in use by another Docket process/.test(String(error)))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }, 60_000);
});

describe("docket mcp refusals", () => {
  it("exits 2 with a one-line reason for an unknown email, writing nothing to stdout", async () => {
    const run = startCli(["mcp", "--email", "nobody@example.test"], { DATA_DIR: dataDir });
    run.child.stdin.end();
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('no account has the email "nobody@example.test"');
    expect(run.stdout()).toBe("");
  }, 60_000);

  it("exits 2 when given both an API key and an email", async () => {
    const run = startCli(["mcp", "--email", owner.email, "--api-key", "dk_x"], {
      DATA_DIR: dataDir,
    });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("give exactly one of --api-key");
  }, 60_000);
});
