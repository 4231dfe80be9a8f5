// Per-request values the app's first middleware puts in `res.locals` for every later handler.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
    }
  }
}

export {};
