import pg from "pg";
import { describe, expect, it } from "vitest";
import { parseTextArray, parseTimestamptz, pgTypeParsers } from "../src/pg-parsers.js";

const pgTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, "text") as (text: string) => Date;
const pgTextArray = pg.types.getTypeParser(1009 as Parameters<typeof pg.types.getTypeParser>[0], "text") as (text: string) => unknown;

describe("parseTimestamptz answers exactly as pg's own parser", () => {
  it.each([
    "2026-11-22 07:02:53+00",
    "2026-11-22 07:02:53.2+00",
    "2026-11-22 07:02:53.24+00",
    "2026-11-22 07:02:53.245+00",
    "2026-11-22 07:02:53.245999+00",
    "2000-02-29 23:59:59.999+00",
    "1970-01-01 00:00:00+00",
    "0099-12-31 23:59:59+00", // a two-digit year: Date.UTC would read it as 1999
    "10000-01-01 00:00:00+00",
    "2026-11-22 08:02:53.245+01",
    "2026-11-22 01:32:53.245-05:30",
    "0044-03-15 12:00:00+00 BC",
    "infinity",
    "-infinity",
  ])("%s", (text) => {
    expect(parseTimestamptz(text)).toEqual(pgTimestamptz(text));
  });

  it("on a spread of instants with every number of fraction digits", () => {
    for (let i = 0; i < 5_000; i++) {
      const instant = new Date(Date.UTC(1900, 0, 1) + Math.floor(Math.random() * 6e12));
      const iso = instant.toISOString().replace("T", " ").replace("Z", "");
      const micros = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
      const digits = i % 7; // 0 (no fraction) … 6
      const text = digits === 0 ? `${iso.slice(0, 19)}+00` : `${(iso + micros).slice(0, 20 + digits)}+00`;
      expect(parseTimestamptz(text).getTime(), text).toBe(pgTimestamptz(text).getTime());
    }
  });
});

describe("parseTextArray answers exactly as pg's own parser", () => {
  it.each([
    "{}",
    "{bench}",
    "{bench,even}",
    "{NULL,a}",
    '{"NULL"}',
    '{""}',
    '{"a,b",c}',
    '{"say \\"hi\\"",x}',
    '{"back\\\\slash"}',
    "{{a,b},{c,d}}",
    "{café,日本}",
  ])("%s", (text) => {
    expect(parseTextArray(text)).toEqual(pgTextArray(text));
  });
});

describe("pgTypeParsers, the pools' `types` option", () => {
  const parser = (oid: number, format?: "text" | "binary") =>
    pgTypeParsers.getTypeParser(oid as Parameters<typeof pg.types.getTypeParser>[0], format) as (text: string) => unknown;

  it("reads int8 as a number, date as its text, timestamptz and text[] with the parsers above", () => {
    expect(parser(20)("9007199254740991")).toBe(9007199254740991);
    expect(parser(1082)("2026-02-29")).toBe("2026-02-29");
    expect(parser(1184)).toBe(parseTimestamptz);
    expect(parser(1009)).toBe(parseTextArray);
  });

  it("hands every other type, and binary formats, to pg's own parsers, and leaves pg's registry alone", () => {
    for (const oid of [16, 23, 114, 3802, 2950]) expect(parser(oid)).toBe(pg.types.getTypeParser(oid as never));
    expect(parser(1184, "binary")).toBe(pg.types.getTypeParser(1184 as never, "binary"));
    expect(pg.types.getTypeParser(1184 as never)).not.toBe(parseTimestamptz);
    expect(pg.types.getTypeParser(20 as never)("12")).toBe("12");
  });
});
