import { describe, expect, it } from "vitest";
import { CancelledError, DomainError, NotFoundError } from "../../src/errors.js";
import { toDomainError } from "../../src/ai/llm-errors.js";
import type { LlmFailureKind } from "../../src/ports/llm.js";

/** A provider failure as @sous/ai throws it: an Error with a `kind` (core never imports ai's class). */
function failure(kind: LlmFailureKind, retryAfterSeconds?: number) {
  return Object.assign(new Error(`upstream said ${kind} at http://10.0.0.1/v1beta`), { kind, retryAfterSeconds });
}

describe("toDomainError", () => {
  it.each([
    ["refused", "UNPROCESSABLE_CONTENT"],
    ["invalid_output", "BAD_GATEWAY"],
    ["bad_request", "BAD_GATEWAY"],
    ["timeout", "GATEWAY_TIMEOUT"],
    ["unavailable", "SERVICE_UNAVAILABLE"],
    ["rate_limited", "SERVICE_UNAVAILABLE"],
    ["aborted", "CLIENT_CLOSED_REQUEST"],
  ] as const)("maps %s to %s, keeping the failure as cause and its message out", (kind, code) => {
    const mapped = toDomainError(failure(kind)) as DomainError;
    expect(mapped).toBeInstanceOf(DomainError);
    expect(mapped.code).toBe(code);
    expect(mapped.cause).toMatchObject({ kind });
    expect(mapped.message).not.toContain("10.0.0.1");
  });

  it("passes on the upstream's retry delay; the upstream's own 429 is a 503 for the caller", () => {
    expect((toDomainError(failure("rate_limited", 7)) as DomainError).retryAfterSeconds).toBe(7);
    expect((toDomainError(failure("unavailable", 3)) as DomainError).retryAfterSeconds).toBe(3);
    expect((toDomainError(failure("rate_limited")) as DomainError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("leaves domain errors and unknown errors alone", () => {
    const notFound = new NotFoundError("Conversation");
    expect(toDomainError(notFound)).toBe(notFound);
    const bug = new TypeError("x is undefined");
    expect(toDomainError(bug)).toBe(bug);
    expect(toDomainError(failure("aborted"))).toBeInstanceOf(CancelledError);
  });
});
