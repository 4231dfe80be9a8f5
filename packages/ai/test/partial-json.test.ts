import { describe, expect, test } from "vitest";
import { parsePartialJson } from "../src/shared/partial-json.js";
import { padThai } from "./gemini-fixtures.js";

describe("parsePartialJson", () => {
  test.each([
    ['{"title":"Pad Th', { title: "Pad Th" }],
    ['{"title":"Pad Thai","serv', { title: "Pad Thai" }],
    ['{"title":"Pad Thai","servings":', { title: "Pad Thai" }],
    // A number at the very end may still grow ("2" of "24"), so it waits for the next character.
    ['{"servings":2', {}],
    ['{"servings":24,', { servings: 24 }],
    ['{"ok":tr', {}],
    ['{"ok":true}', { ok: true }],
    ['{"steps":["Soak","Fr', { steps: ["Soak", "Fr"] }],
    ['{"ingredients":[{"name":"eggs","quantity":2},{"na', { ingredients: [{ name: "eggs", quantity: 2 }, {}] }],
    ['{"a":"line\\nbreak \\"q\\" \\u00e9', { a: 'line\nbreak "q" é' }],
    ['{"a":"cut escape\\', { a: "cut escape" }],
    ['{"a":"cut unicode\\u00', { a: "cut unicode" }],
    ['{"a\\"b":1,', { 'a"b': 1 }],
    ["  ", undefined],
    ["not json", undefined],
    ['{"a":1.}', undefined],
  ])("%s", (text, expected) => {
    expect(parsePartialJson(text)).toEqual(expected);
  });

  test("every prefix of a real answer parses to something the full answer extends", () => {
    const full = JSON.stringify(padThai, null, 1);
    let previousKeys = 0;
    for (let end = 1; end <= full.length; end++) {
      const value = parsePartialJson(full.slice(0, end)) as Record<string, unknown> | undefined;
      expect(value).toBeTypeOf("object");
      const keys = Object.keys(value!).length;
      expect(keys).toBeGreaterThanOrEqual(previousKeys);
      previousKeys = keys;
    }
    expect(parsePartialJson(full)).toEqual(padThai);
  });
});
