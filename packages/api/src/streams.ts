import { asDomainError, CancelledError, DomainError } from "@sous/core";
import { toTRPCError } from "./middleware/domain-errors.js";

/**
 * A subscription's errors surface while it is iterated, after the procedure middlewares have returned, so the
 * domain-error middleware never sees them. This maps them on the way out instead; `yield*` passes an early
 * stop (the client unsubscribed) through to the service's generator, which aborts its upstream call. A stream
 * cancelled because its client left just ends: there is nobody to tell.
 */
export async function* mappedStream<T>(events: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* events;
  } catch (error) {
    if (error instanceof CancelledError) return;
    const domain = asDomainError(error);
    throw domain instanceof DomainError ? toTRPCError(domain) : error;
  }
}
