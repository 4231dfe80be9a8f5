/**
 * Domain errors: what services throw. They know nothing of HTTP or tRPC; one api middleware maps each
 * `code` to a tRPC error. `message` is safe to show a client for 4xx codes; 5xx codes get a generic one.
 */
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNPROCESSABLE_CONTENT"
  | "TOO_MANY_REQUESTS"
  | "BAD_GATEWAY"
  | "SERVICE_UNAVAILABLE"
  | "GATEWAY_TIMEOUT"
  | "CLIENT_CLOSED_REQUEST";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Seconds until retrying can succeed (rate limits, quotas, upstream back-off). */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: DomainErrorCode, message: string, options?: { cause?: unknown; retryAfterSeconds?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super("BAD_REQUEST", message, { cause });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Not signed in or the credentials are no longer valid", cause?: unknown) {
    super("UNAUTHORIZED", message, { cause });
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "Not allowed") {
    super("FORBIDDEN", message);
  }
}

/** Also used for rows that exist but belong to someone else, so the two cannot be told apart. */
export class NotFoundError extends DomainError {
  constructor(what = "Resource") {
    super("NOT_FOUND", `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super("CONFLICT", message);
  }
}

/** The model refused (safety) or the prompt guard refused the input. */
export class RefusedError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super("UNPROCESSABLE_CONTENT", message, { cause });
  }
}

export class RateLimitedError extends DomainError {
  constructor(retryAfterSeconds: number, message = "Too many requests") {
    super("TOO_MANY_REQUESTS", message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

export class QuotaExceededError extends DomainError {
  constructor(retryAfterSeconds: number, message = "Daily AI quota used up") {
    super("TOO_MANY_REQUESTS", message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

/** The model's answer stayed invalid after one repair attempt. */
export class UpstreamError extends DomainError {
  constructor(message = "The recipe model returned an invalid answer", cause?: unknown) {
    super("BAD_GATEWAY", message, { cause });
  }
}

export class UpstreamTimeoutError extends DomainError {
  constructor(cause?: unknown) {
    super("GATEWAY_TIMEOUT", "The recipe model did not answer in time", { cause });
  }
}

export class UnavailableError extends DomainError {
  constructor(what: string, cause?: unknown, retryAfterSeconds?: number) {
    super("SERVICE_UNAVAILABLE", `${what} is unavailable`, {
      cause,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
  }
}

/** The caller went away (closed the connection, unsubscribed) while its request was being served. */
export class CancelledError extends DomainError {
  constructor(cause?: unknown) {
    super("CLIENT_CLOSED_REQUEST", "The request was cancelled", { cause });
  }
}

/**
 * The server is stopping while a stream is open: the client should subscribe again (to another instance, or
 * to this one once it is back). Thrown into open subscriptions only; requests in flight finish normally.
 */
export class ServerStoppingError extends DomainError {
  constructor() {
    super("SERVICE_UNAVAILABLE", "The server is restarting; subscribe again", { retryAfterSeconds: 1 });
  }
}
