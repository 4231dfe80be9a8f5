import { DomainError } from "../errors.js";

/** The URL cannot be imported from: wrong scheme, credentials in it, or an address Sous will not reach. */
export class ImportRefusedError extends DomainError {
  constructor(message: string) {
    super("BAD_REQUEST", message);
  }
}

/** The page could not be read: unreachable, an error status, too slow, or not HTML. */
export class ImportFetchError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super("BAD_REQUEST", message, { cause });
  }
}

export class ImportTooLargeError extends DomainError {
  constructor(limitBytes: number) {
    super("PAYLOAD_TOO_LARGE", `The page is larger than ${Math.round(limitBytes / 1024 / 1024)} MB`);
  }
}

/** Nothing on the page or in the text reads as a recipe. */
export class NoRecipeFoundError extends DomainError {
  constructor(message = "No recipe found") {
    super("UNPROCESSABLE_CONTENT", message);
  }
}
