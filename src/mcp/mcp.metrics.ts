import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { Counter, Histogram, type Registry } from "prom-client";

/** How a tool call ended: a result, an `isError` result, or a JSON-RPC error. */
export type ToolCallOutcome = "success" | "tool_error" | "protocol_error";

/** Prometheus series of the MCP surface. */
export interface McpMetrics {
  toolCalls: Counter<"tool" | "outcome">;
  toolDuration: Histogram<"tool" | "outcome">;
  sessionsOpened: Counter;
}

/** Registers the MCP series on `registry` (the app's, so `/metrics` shows them). */
export function createMcpMetrics(registry: Registry): McpMetrics {
  return {
    toolCalls: new Counter({
      name: "docket_mcp_tool_calls_total",
      help: "MCP tools/call requests by tool and outcome (success, tool_error, protocol_error)",
      labelNames: ["tool", "outcome"],
      registers: [registry],
    }),
    toolDuration: new Histogram({
      name: "docket_mcp_tool_call_duration_seconds",
      help: "MCP tools/call latency inside the server, by tool and outcome",
      labelNames: ["tool", "outcome"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sessionsOpened: new Counter({
      name: "docket_mcp_sessions_opened_total",
      help: "MCP sessions opened by an initialize request",
      registers: [registry],
    }),
  };
}

/**
 * Times every `tools/call` that passes through `transport` (after `server.connect`), from the
 * request arriving to its response leaving: argument validation failures and unknown tools are
 * counted too, which a wrapper around the tool handlers would miss. Tool names outside
 * `knownTools` are labelled "unknown" to keep label cardinality bounded.
 */
export function instrumentToolCalls(
  transport: Transport,
  metrics: McpMetrics,
  knownTools: ReadonlySet<string>,
): void {
  const pending = new Map<RequestId, { tool: string; startedAt: bigint }>();
  const receive = transport.onmessage;
  const send = transport.send.bind(transport);

  transport.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
    if (isJSONRPCRequest(message) && message.method === "tools/call") {
      const name = message.params?.name;
      const tool = typeof name === "string" && knownTools.has(name) ? name : "unknown";
      pending.set(message.id, { tool, startedAt: process.hrtime.bigint() });
    }
    receive?.(message, extra);
  };

  transport.send = async (message, options) => {
    const isResult = isJSONRPCResultResponse(message);
    if (isResult || isJSONRPCErrorResponse(message)) {
      const call = message.id === undefined ? undefined : pending.get(message.id);
      if (call && message.id !== undefined) {
        pending.delete(message.id);
        const outcome: ToolCallOutcome = !isResult
          ? "protocol_error"
          : message.result.isError === true
            ? "tool_error"
            : "success";
        const seconds = Number(process.hrtime.bigint() - call.startedAt) / 1e9;
        metrics.toolCalls.inc({ tool: call.tool, outcome });
        metrics.toolDuration.observe({ tool: call.tool, outcome }, seconds);
      }
    }
    return send(message, options);
  };
}
