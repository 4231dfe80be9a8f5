// Baseline (b2): the bare tRPC router of (b) on node:http through Sous's fetch bridge
// (apps/server/src/http/fetch-bridge.ts, from its build) and tRPC's fetch adapter: the path Sous takes for
// mutations, batches and subscriptions. (Sous answers plain GET queries more directly, through
// callTRPCProcedure: see trpc-query.ts.) (b) keeps the Express adapter the issue names.
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
