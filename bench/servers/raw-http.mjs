// Baseline (a): the floor. node:http answering a small JSON body, shaped like a tRPC result, with no framework.
import { createServer } from "node:http";

const body = JSON.stringify({ result: { data: { json: { hello: "world" } } } });

createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
