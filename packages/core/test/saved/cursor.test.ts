import type { SavedListRecord } from "@sous/db";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { decodeCursor, encodeCursor } from "../../src/saved/cursor.js";

const row: SavedListRecord = {
  id: "0b7e6c1e-9d7a-4a53-8a51-2f1f7f5d9a10",
  title: "Crème Brûlée « maison »",
  tags: [],
  rating: null,
  summary: "",
  cuisine: null,
  totalMinutes: 60,
  servings: 4,
  createdAt: new Date("2025-03-04T05:06:07.089Z"),
  updatedAt: new Date("2025-03-04T05:06:07.089Z"),
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("saved list cursor", () => {
  it("round-trips the sort key and id of each sort", () => {
    expect(decodeCursor(encodeCursor("newest", row), "newest")).toEqual({ sort: "newest", createdAt: row.createdAt, id: row.id });
    expect(decodeCursor(encodeCursor("oldest", row), "oldest")).toEqual({ sort: "oldest", createdAt: row.createdAt, id: row.id });
    expect(decodeCursor(encodeCursor("title", row), "title")).toEqual({ sort: "title", title: row.title, id: row.id });
  });

  it("is opaque: URL-safe text that does not show the title", () => {
    const cursor = encodeCursor("title", row);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("Cr");
  });

  it.each([
    ["not base64 JSON", "newest", "%%%"],
    ["JSON but not an array", "newest", b64({ sort: "newest" })],
    ["another sort's cursor", "newest", encodeCursor("title", row)],
    ["a bad id", "newest", b64(["newest", row.createdAt.toISOString(), "1; drop table users"])],
    ["a bad date", "oldest", b64(["oldest", "2025-13-45T99:00:00.000Z", row.id])],
    ["a date that is not ISO", "newest", b64(["newest", "yesterday", row.id])],
    ["too many parts", "newest", b64(["newest", row.createdAt.toISOString(), row.id, 1])],
    ["a number for a title", "title", b64(["title", 7, row.id])],
    ["an over-long title", "title", b64(["title", "x".repeat(121), row.id])],
  ] as const)("refuses %s with a ValidationError", (_, sort, cursor) => {
    expect(() => decodeCursor(cursor, sort)).toThrow(ValidationError);
  });
});
