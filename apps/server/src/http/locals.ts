// Per-request values the middlewares share through `res.locals`.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
    }
  }
}

export {};
