// Baseline for saved.list: node:http + pg, no framework, no auth. It runs the very statement Sous's saved
// repository sends for a first page sorted newest (copied from Kysely's compiled output), on a pool of the
// same size, and answers the same page shape (limit + 1 rows fetched, an opaque cursor when more remain).
// GET /?user=<uuid>&limit=20
import { createServer } from "node:http";
import pg from "pg";

const LIST_NEWEST = `select "id", "title", "tags", "rating", recipe->>'summary' as "summary", recipe->>'cuisine' as "cuisine", (recipe->>'prepMinutes')::int + (recipe->>'cookMinutes')::int as "totalMinutes", (recipe->>'servings')::int as "servings", "created_at" as "createdAt", "updated_at" as "updatedAt" from "saved_recipes" where "user_id" = $1 order by "created_at" desc, "id" desc limit $2`;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

createServer(async (req, res) => {
  try {
    const params = new URL(req.url, "http://localhost").searchParams;
    const limit = Number(params.get("limit") ?? 20);
    const { rows } = await pool.query(LIST_NEWEST, [params.get("user"), limit + 1]);
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
