// Baseline (b): bare tRPC on Express with superjson (Sous's contract) and nothing else: no helmet, CORS,
// request ids, logging, auth, rate limit or database. What Sous's own middleware is measured against.
import { initTRPC } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import express from "express";
import superjson from "superjson";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({ hello: t.procedure.query(() => ({ hello: "world", at: new Date(0) })) });

const app = express();
app.use("/trpc", createExpressMiddleware({ router }));
app.listen(Number(process.env.PORT), "127.0.0.1");
