import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { setImmediate as tick } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { UIMessageSseWriter } from "./chat.sse.js";

/** A response that records each write it is asked for (each one a syscall on a socket). */
function recordingResponse() {
  const writes: string[] = [];
  const response = Object.assign(new EventEmitter(), {
    destroyed: false,
    writableEnded: false,
    writableNeedDrain: false,
    writeHead: () => response,
    write: (text: string) => writes.push(text) > 0,
    end: (text: string) => {
      writes.push(text);
      response.writableEnded = true;
    },
  });
  return { writes, response: response as unknown as ServerResponse };
}

describe("UIMessageSseWriter", () => {
  it("sends the chunks of one turn of the event loop in one write", async () => {
    const { writes, response } = recordingResponse();
    const writer = new UIMessageSseWriter(response, {});
    writer.write({ type: "start" });
    writer.write({ type: "text-start", id: "t" });
    expect(writes).toHaveLength(0);
    await tick();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(
      /^data: \{"type":"start","messageId":"[^"]+"\}\n\ndata: \{"type":"text-start","id":"t"\}\n\n$/,
    );
  });

  it("once held, sends what follows only with the end, in the same write", async () => {
    const { writes, response } = recordingResponse();
    const writer = new UIMessageSseWriter(response, {});
    writer.write({ type: "text-delta", id: "t", delta: "first" });
    await tick();
    writer.write({ type: "text-delta", id: "t", delta: "last" });
    writer.holdUntilEnd();
    await tick();
    await tick();
    expect(writes).toHaveLength(1);
    writer.write({ type: "finish" });
    writer.end();
    expect(writes).toEqual([
      'data: {"type":"text-delta","id":"t","delta":"first"}\n\n',
      'data: {"type":"text-delta","id":"t","delta":"last"}\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n',
    ]);
  });
});
