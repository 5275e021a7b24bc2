import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
} from "@ai-sdk/provider";
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
} from "cockatiel";
import { peekFirstOutput, StreamStartError } from "./stream-peek.js";

/** A circuit breaker state as `/health/detailed` shows it. */
export type CircuitName = "closed" | "open" | "half_open";

/** How one provider is protected. */
export interface ResilienceOptions {
  /** Per attempt: until the response (generate) or the first output part (stream). */
  timeoutMs: number;
  /** Extra attempts after the first, for 429, 5xx, network errors and timeouts. */
  maxRetries: number;
  /** Consecutive failed attempts that open the circuit. @default 5 */
  breakerThreshold?: number;
  /** How long an open circuit rejects calls before letting one through. @default 30000 */
  halfOpenAfterMs?: number;
  /** First retry delay; later ones grow exponentially with jitter. @default 200 */
  initialDelayMs?: number;
  /** Longest retry delay. @default 5000 */
  maxDelayMs?: number;
}

/** A model wrapped in timeout, retry and a circuit breaker, with the breaker's state. */
export interface ResilientModel {
  model: LanguageModelV3;
  circuit(): CircuitName;
}

/** True for failures worth another attempt: rate limits, server errors, network errors, timeouts. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof TaskCancelledError) return true;
  if (error instanceof StreamStartError) return isTransientFailure(error.cause ?? new Error());
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === undefined) return true; // no HTTP response: connection refused, reset, DNS
    // A success whose body broke off: retryable when the connection failed (the SDK marks it).
    if (status >= 200 && status < 300) return error.isRetryable;
    return status === 408 || status === 429 || status >= 500;
  }
  // A stream that broke or ended early, or fetch's own network errors.
  return (
    error instanceof TypeError || (error instanceof Error && error.name === "StreamStartError")
  );
}

/** The caller gave up (client disconnected): not the provider's fault, never retried. */
export class CallerAbortedError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("the call was aborted by its caller", options);
    this.name = "CallerAbortedError";
  }
}

/** True for failures that say the provider is unhealthy (not the caller giving up). */
function countsAgainstProvider(error: unknown): boolean {
  return !(error instanceof CallerAbortedError) && !(error instanceof BrokenCircuitError);
}

const CIRCUIT_NAMES: Record<CircuitState, CircuitName> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "half_open",
  [CircuitState.Isolated]: "open",
};

function linkedSignal(...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined));
}

/**
 * Wraps a provider's model so each call times out, retries transient failures with exponential
 * backoff and jitter, and stops calling a provider that keeps failing (circuit breaker).
 * Streams are retried only until their first output part, never after a token was produced.
 */
export function createResilientModel(
  model: LanguageModelV3,
  options: ResilienceOptions,
): ResilientModel {
  const breaker: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((error) => countsAgainstProvider(error)),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    },
  );
  const retryPolicy = retry(
    handleWhen((error) => countsAgainstProvider(error) && isTransientFailure(error)),
    {
      maxAttempts: options.maxRetries,
      backoff: new ExponentialBackoff({
        initialDelay: options.initialDelayMs ?? 200,
        maxDelay: options.maxDelayMs ?? 5000,
      }),
    },
  );
  // Aggressive: a hung provider is abandoned at the deadline; abortOnReturn off, because a
  // stream keeps using the signal after doStream returned.
  const timeoutPolicy = timeout(options.timeoutMs, {
    strategy: TimeoutStrategy.Aggressive,
    abortOnReturn: false,
  });
  const policy = wrap(retryPolicy, breaker, timeoutPolicy);

  const run = <T>(
    call: LanguageModelV3CallOptions,
    attempt: (signal: AbortSignal) => Promise<T>,
  ) => {
    return policy.execute(async ({ signal }) => {
      if (call.abortSignal?.aborted) throw new CallerAbortedError();
      try {
        return await attempt(linkedSignal(signal, call.abortSignal));
      } catch (error) {
        if (call.abortSignal?.aborted) throw new CallerAbortedError({ cause: error });
        throw error;
      }
      // A per-call parent: cockatiel would otherwise hang every call's listener on one shared signal.
    }, call.abortSignal ?? new AbortController().signal);
  };

  const wrapped: LanguageModelV3 = {
    specificationVersion: "v3",
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: (call) =>
      run(call, async (abortSignal) => model.doGenerate({ ...call, abortSignal })),
    doStream: (call) =>
      run(call, async (abortSignal) => {
        const result = await model.doStream({ ...call, abortSignal });
        const stream = await peekFirstOutput(result.stream, { idleTimeoutMs: options.timeoutMs });
        return { ...result, stream };
      }),
  };
  return { model: wrapped, circuit: () => CIRCUIT_NAMES[breaker.state] };
}
