// Baseline (b2): the bare tRPC router of (b), served the way Sous serves /trpc: node:http through Sous's own
// fetch bridge (apps/server/src/http/fetch-bridge.ts, from its build) and tRPC's fetch adapter. Against it,
// Sous's middleware is measured on the same transport; (b) keeps the Express adapter the issue names.
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createServer } from "node:http";
import superjson from "superjson";
import { toFetchRequest, writeFetchResponse } from "../../apps/server/dist/http/fetch-bridge.js";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({ hello: t.procedure.query(() => ({ hello: "world", at: new Date(0) })) });

createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const response = await fetchRequestHandler({ endpoint: "/trpc", req: toFetchRequest(req, url, undefined), router });
  await writeFetchResponse(res, response);
}).listen(Number(process.env.PORT), "127.0.0.1");
