import type { ServerResponse } from "node:http";

// Per-request values the Express routes read from `res.locals`.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
    }
  }
}

/** Hands what the front of the app worked out to Express, which keeps a `res.locals` it finds already set. */
export function setLocals(res: ServerResponse, locals: Express.Locals): void {
  (res as ServerResponse & { locals: Express.Locals }).locals = locals;
}
