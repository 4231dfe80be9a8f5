/** The slice of a pino logger core uses; apps pass theirs, tests and tools may pass `silentLogger`. */
export interface CoreLogger {
  debug(details: Record<string, unknown>, message: string): void;
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

const ignore = (): void => {};
export const silentLogger: CoreLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
