/**
 * What a database failure means to a caller, in domain terms: the one place driver errors (read by
 * @sous/db's classifier) become domain errors. The api maps every error it sees through `asDomainError`, so
 * a repository need not catch anything: a database that is down, frozen or refusing connections is a 503
 * with a retry hint; a value the database cannot store is the caller's 400. The driver error stays the cause
 * (logs), never the message (no SQL, hosts or parameters reach a client).
 */
import { classifyDatabaseError } from "@sous/db";
import { DomainError, UnavailableError, ValidationError } from "./errors.js";

/** What a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** A domain error for `error` when it is one or a recognised database failure; anything else unchanged. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  switch (classifyDatabaseError(error)) {
    case "unavailable":
      return new UnavailableError("The database", error, DATABASE_RETRY_AFTER_SECONDS);
    case "invalid-input":
      return new ValidationError("The input contains a value that cannot be stored", error);
    default:
      return error;
  }
}
