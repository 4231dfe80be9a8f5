// Baseline (b2): baseline (b) — the same bare tRPC hello on Express's adapter with superjson — behind the
// standard HTTP middleware every production deployment of Sous runs in front of /trpc, configured as Sous
// configures it: a request id echoed in X-Request-Id, one pino access-log line per request (asynchronous
// destination, to the bench's log file), helmet, the CORS allowlist and Cache-Control: no-store. No auth, rate
// limit, context, procedure middleware or metrics. (b2)/(b) is what that middleware alone costs, so it shows
// how much of the (c2)/(b) target is left for everything else Sous does on a call.
import { randomUUID } from "node:crypto";
import { initTRPC } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import cors from "cors";
import express from "express";
import helmet from "helmet";
import { pino } from "pino";
import superjson from "superjson";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({ hello: t.procedure.query(() => ({ hello: "world", at: new Date(0) })) });

const log = pino({ base: { service: "bench" } }, pino.destination({ sync: false }));
const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  const requestId = randomUUID();
  res.setHeader("X-Request-Id", requestId);
  const started = performance.now();
  const path = req.url.split("?", 1)[0];
  res.once("close", () => {
    log.info({ requestId, method: req.method, path, status: res.statusCode, ms: performance.now() - started, ip: req.ip }, "request");
  });
  next();
});
app.use(helmet({ strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
app.use(cors({ origin: ["http://localhost:5173"], credentials: true, exposedHeaders: ["X-Request-Id", "Retry-After"], maxAge: 600 }));
app.use("/trpc", (_req, res, next) => {
  res.setHeader("Cache-Control", "no-store");
  next();
});
app.use("/trpc", createExpressMiddleware({ router }));
app.listen(Number(process.env.PORT), "127.0.0.1");
