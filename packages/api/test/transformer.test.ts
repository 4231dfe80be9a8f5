import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serialize } from "../src/transformer.js";

// The one-pass serializer must write exactly what superjson writes: clients deserialize with superjson.
const same = (value: unknown) => {
  const ours = serialize(value);
  expect(JSON.stringify(ours)).toBe(JSON.stringify(superjson.serialize(value)));
  return ours;
};

const at = new Date("2025-01-02T03:04:05.678Z");

describe("response serializer", () => {
  it("writes superjson's format for plain data with dates and undefined", () => {
    const page = {
      items: [
        { id: "a", title: "Soup", tags: ["x", "y"], rating: null, createdAt: at, updatedAt: new Date(0), n: 1.5 },
        { id: "b", title: "Bread", tags: [], rating: 4, createdAt: new Date(at), note: undefined, ok: true },
      ],
      nextCursor: null,
    };
    const out = same(page);
    expect(out.meta?.values).toEqual({
      "items.0.createdAt": ["Date"],
      "items.0.updatedAt": ["Date"],
      "items.1.createdAt": ["Date"],
      "items.1.note": ["undefined"],
    });
    expect(superjson.deserialize(out)).toEqual(page);
  });

  it.each([
    ["a plain object without annotations", { a: 1, b: "two", c: [true, false, null], d: { e: {} } }],
    ["an array at the root", [at, { at }, [at]]],
    ["keys with dots and backslashes", { "a.b": at, "c\\d": { "e.f\\g": undefined } }],
    ["numeric-looking keys", { 10: at, 2: at, x: { 1: undefined } }],
    ["a null-prototype object", Object.assign(Object.create(null) as object, { at })],
    ["a date at the root", at],
    ["undefined at the root", undefined],
    ["primitives at the root", "text"],
    ["a number at the root", 42],
    ["null at the root", null],
    ["empty containers", { a: [], b: {} }],
  ])("matches superjson for %s", (_, value) => {
    same(value);
  });

  it.each([
    ["NaN and infinities", { a: Number.NaN, b: Infinity, c: -Infinity }],
    ["negative zero", { a: -0 }],
    ["bigint", { a: 10n }],
    ["Map and Set", { a: new Map([["k", at]]), b: new Set([1]) }],
    ["an error", { e: new Error("boom") }],
    ["a regexp and a URL", { r: /x/g, u: new URL("https://example.com/") }],
    ["a class instance", { c: new (class Point { x = 1 })() }],
    ["an invalid date", { d: new Date(Number.NaN) }],
    ["the same object twice", (() => { const shared = { at }; return { a: shared, b: shared }; })()],
    ["the same date twice", { a: at, b: at }],
    ["a sparse array", { a: Object.assign(new Array<number>(3), { 0: 1, 2: 3 }) }],
  ])("hands %s to superjson", (_, value) => {
    same(value);
  });

  it("writes every date as superjson does: any year, any millisecond", () => {
    const edges = ["0999-12-31T23:59:59.999Z", "1000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "+010000-01-01T00:00:00.000Z", "-000001-06-15T12:00:00.005Z"];
    for (const iso of edges) same({ d: new Date(iso) });
    for (let i = 0; i < 2_000; i++) same({ d: new Date(Math.floor((Math.random() - 0.3) * 3e13)) });
  });

  it("refuses prototype-polluting keys exactly like superjson", () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;
    expect(() => serialize(hostile)).toThrow();
    expect(() => superjson.serialize(hostile)).toThrow();
  });
});
