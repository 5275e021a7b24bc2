import { createRequire } from "node:module";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";

/**
 * The rrule package finds a rule's next occurrence by walking period after period until year
 * 9999 when the rule never matches ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30": 17 s of blocked event
 * loop for one request), and neither UNTIL nor a search window stops that walk. So occurrences are
 * computed in a worker thread that the caller waits for synchronously, at most `BUDGET_MS`; a
 * rule that takes longer is abandoned (the worker is terminated and replaced on the next call).
 */
const BUDGET_MS = 250;
/** Starting the worker (an isolate and the rrule package) on first use. */
const STARTUP_MS = 5_000;

/** Raised when a rule's next occurrence takes too long to find (it may never occur). */
export class RecurrenceTooComplexError extends Error {
  constructor() {
    super(`the next occurrence took longer than ${BUDGET_MS} ms to find; the rule may never occur`);
    this.name = "RecurrenceTooComplexError";
  }
}

/** One search: the rule without COUNT (RRULE text), its start and end as wall times. */
export interface OccurrenceQuery {
  rule: string;
  dtstart: Date;
  until: Date | null;
  after: Date;
  inclusive: boolean;
}

// CommonJS, evaluated in the worker. Each answer is posted, then the shared cell is set to the
// request's id and notified, which wakes the caller blocked in Atomics.wait.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const cell = new Int32Array(workerData.cell);
let RRule;
try {
  ({ RRule } = require(workerData.rrulePath));
} catch {
  Atomics.store(cell, 0, -2);
  Atomics.notify(cell, 0);
  throw new Error("rrule could not be loaded");
}
workerData.port.on("message", (query) => {
  let answer;
  try {
    const rule = new RRule({
      ...RRule.parseString(query.rule),
      dtstart: new Date(query.dtstart),
      ...(query.until === null ? {} : { until: new Date(query.until) }),
    });
    const next = rule.after(new Date(query.after), query.inclusive);
    answer = { id: query.id, next: next ? next.getTime() : null };
  } catch (error) {
    answer = { id: query.id, error: String((error && error.message) || error) };
  }
  workerData.port.postMessage(answer);
  Atomics.store(cell, 0, query.id);
  Atomics.notify(cell, 0);
});
Atomics.store(cell, 0, -1);
Atomics.notify(cell, 0);
`;

interface Running {
  worker: Worker;
  port: MessagePort;
  cell: Int32Array;
}

let running: Running | undefined;
let lastId = 0;

function stop(current: Running): void {
  if (running === current) running = undefined;
  current.port.close();
  void current.worker.terminate();
}

function start(): Running {
  const { port1, port2 } = new MessageChannel();
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: 64 },
    workerData: {
      port: port2,
      cell: cell.buffer,
      rrulePath: createRequire(import.meta.url).resolve("rrule"),
    },
    transferList: [port2],
  });
  // Neither keeps the process alive.
  worker.unref();
  port1.unref();
  const started: Running = { worker, port: port1, cell };
  // A worker that fails or dies (out of memory) is dropped; the next search starts another.
  worker.on("error", () => stop(started)).on("exit", () => stop(started));
  if (Atomics.wait(cell, 0, 0, STARTUP_MS) === "timed-out" || Atomics.load(cell, 0) !== -1) {
    stop(started);
    throw new Error("the recurrence worker did not start");
  }
  return started;
}

/**
 * The first occurrence after `query.after` (or at it, when inclusive), or null when the rule has
 * none left. Blocks the calling thread for at most `BUDGET_MS` (plus the worker's start on first
 * use); throws `RecurrenceTooComplexError` past that, and rrule's own error for a bad rule.
 */
export function occurrenceAfter(query: OccurrenceQuery): Date | null {
  const current = running ?? (running = start());
  const id = ++lastId;
  Atomics.store(current.cell, 0, 0);
  current.port.postMessage({
    id,
    rule: query.rule,
    dtstart: query.dtstart.getTime(),
    until: query.until?.getTime() ?? null,
    after: query.after.getTime(),
    inclusive: query.inclusive,
  });
  const waited = Atomics.wait(current.cell, 0, 0, BUDGET_MS);
  // The answer may land between the timeout and here: take it if it did.
  const received = receiveMessageOnPort(current.port);
  if (waited === "timed-out" && !received) {
    stop(current);
    throw new RecurrenceTooComplexError();
  }
  const answer = received?.message as
    { id: number; next: number | null } | { id: number; error: string } | undefined;
  if (!answer || answer.id !== id) {
    stop(current);
    throw new Error("the recurrence worker answered out of turn");
  }
  if ("error" in answer) throw new Error(answer.error);
  return answer.next === null ? null : new Date(answer.next);
}
