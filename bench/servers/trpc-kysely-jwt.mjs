// Baseline (g) for saved.list: what a plain tRPC + Kysely + JWT server reading the same rows would be. Express
// with tRPC's adapter and superjson, a zod input, the Bearer token checked with jose on every call (the same
// HS256 secret, issuer, audience and typ as Sous's access tokens), and the query built with Kysely's builder
// on a pg Pool of the same size with pg's own type parsers. It reads the same list columns as Sous; none of
// Sous's middleware (request ids, logging, helmet, CORS, rate limit, error mapping).
import { initTRPC, TRPCError } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import express from "express";
import { jwtVerify } from "jose";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import superjson from "superjson";
import { z } from "zod";

const secret = new TextEncoder().encode(process.env.AUTH_SECRET);
const db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) }) });

const createContext = async ({ req }) => {
  const token = req.headers.authorization?.replace(/^Bearer /, "");
  if (!token) return { userId: undefined };
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"], typ: "at+jwt", issuer: "sous", audience: "sous-api" });
    return { userId: payload.sub };
  } catch {
    return { userId: undefined };
  }
};

const t = initTRPC.context().create({ transformer: superjson });
const authed = t.procedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { userId: ctx.userId } });
});

const router = t.router({
  health: t.procedure.query(() => "ok"),
  saved: t.router({
    list: authed.input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict()).query(async ({ ctx, input }) => {
      const rows = await db
        .selectFrom("saved_recipes")
        .select(["id", "title", "tags", "rating", "summary", "cuisine", "total_minutes as totalMinutes", "servings", "created_at as createdAt", "updated_at as updatedAt"])
        .where("user_id", "=", ctx.userId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(input.limit + 1)
        .execute();
      const items = rows.slice(0, input.limit);
      const last = items.at(-1);
      const nextCursor =
        rows.length > input.limit && last ? Buffer.from(JSON.stringify(["newest", last.createdAt.toISOString(), last.id])).toString("base64url") : null;
      return { items, nextCursor };
    }),
  }),
});

const app = express();
app.use("/trpc", createExpressMiddleware({ router, createContext }));
app.listen(Number(process.env.PORT), "127.0.0.1");
