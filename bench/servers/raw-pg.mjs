// Baseline (f) for saved.list: node:http + pg, no framework, no auth. It runs the very statement Sous's saved
// repository sends for a first page sorted newest (compiled by @sous/db itself), on a pool of the same size
// with pg's own type parsers, and answers the same page shape (limit + 1 rows fetched, an opaque cursor when
// more remain). GET /?user=<uuid>&limit=20
import { createServer } from "node:http";
import pg from "pg";
import { listStatement } from "../lib/list-statement.mjs";

const { sql } = listStatement(21);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

createServer(async (req, res) => {
  try {
    const params = new URL(req.url, "http://localhost").searchParams;
    const limit = Number(params.get("limit") ?? 20);
    const { rows } = await pool.query(sql, [params.get("user"), limit + 1]);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      rows.length > limit && last
        ? Buffer.from(JSON.stringify(["newest", last.createdAt.toISOString(), last.id])).toString("base64url")
        : null;
    const body = JSON.stringify({ result: { data: { json: { items, nextCursor } } } });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}).listen(Number(process.env.PORT), "127.0.0.1");
