import { setTimeout as sleep } from "node:timers/promises";
import { AiError } from "../errors.js";

/**
 * The lifetime of one provider call: one deadline for everything it does (attempts, backoff waits, the repair
 * call, reading a stream), the caller's signal, and an internal switch that ends whatever is still in flight
 * when a stream's consumer stops early. `signal` combines the three and goes to every SDK request.
 */
export class CallScope {
  readonly signal: AbortSignal;
  private readonly deadlineAt: number;
  // The platform's own timer signal: nothing to clear, and it never keeps the process alive.
  private readonly deadline: AbortSignal;
  private readonly internal = new AbortController();

  constructor(
    timeoutMs: number,
    private readonly caller?: AbortSignal | undefined,
  ) {
    this.deadlineAt = Date.now() + timeoutMs;
    this.deadline = AbortSignal.timeout(timeoutMs);
    const signals = [this.deadline, this.internal.signal];
    if (caller) signals.push(caller);
    this.signal = AbortSignal.any(signals);
  }

  remainingMs(): number {
    return this.deadlineAt - Date.now();
  }

  /** Throws the failure that describes why the scope ended, if it has. */
  throwIfEnded(cause?: unknown): void {
    const failure = this.endedFailure(cause);
    if (failure) throw failure;
  }

  /** `aborted` when the caller went away, `timeout` when the deadline passed, otherwise undefined. */
  endedFailure(cause?: unknown): AiError | undefined {
    const options = cause === undefined ? undefined : { cause };
    if (this.caller?.aborted) return new AiError("aborted", "The request was cancelled", options);
    if (this.deadline.aborted) return new AiError("timeout", "The recipe model did not answer in time", options);
    return undefined;
  }

  /** A wait that ends early (with the scope's failure) when the scope ends. */
  async sleep(ms: number): Promise<void> {
    this.throwIfEnded();
    // An aborted wait rejects with an AbortError; throwIfEnded then says why the scope ended.
    await sleep(ms, undefined, { signal: this.signal }).catch(() => undefined);
    this.throwIfEnded();
  }

  /** Ends anything still in flight (a stream whose consumer stopped). */
  close(): void {
    this.internal.abort(new Error("call finished"));
  }
}

/** Turns whatever a call threw into the provider's AiError (each provider reads its own SDK's errors). */
export type FailureOf = (error: unknown, scope: CallScope) => Error;

/** Runs one provider call in its own scope, closed when the call settles. */
export async function inScope<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  failureOf: FailureOf,
  run: (scope: CallScope) => Promise<T>,
): Promise<T> {
  const scope = new CallScope(timeoutMs, signal);
  try {
    return await run(scope);
  } catch (error) {
    throw failureOf(error, scope);
  } finally {
    scope.close();
  }
}

/** The same for a stream: the scope also closes when the consumer stops reading early. */
export async function* inScopeStream<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  failureOf: FailureOf,
  run: (scope: CallScope) => AsyncGenerator<T>,
): AsyncGenerator<T> {
  const scope = new CallScope(timeoutMs, signal);
  try {
    yield* run(scope);
  } catch (error) {
    throw failureOf(error, scope);
  } finally {
    scope.close();
  }
}
