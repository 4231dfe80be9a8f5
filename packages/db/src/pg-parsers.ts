/**
 * The type parsers of Sous's pg pools, given through pg's per-pool `types` option (pg's global registry
 * stays untouched): int8 → number, date → its "YYYY-MM-DD" text, and faster text parsers for the two types
 * every saved.list row carries many of, timestamptz and text[]. pg's own (postgres-date, postgres-array)
 * took ~25 µs a page of 20; these read the common layouts by character position and hand anything else
 * (another time zone, BC or infinite dates, quoted or nested array elements) to pg's parsers, so the answers
 * are the same for every input (test/pg-parsers.test.ts). `pnpm bench` shows the figure.
 */
import pg from "pg";

const OID = { INT8: 20, DATE: 1082, TIMESTAMPTZ: 1184, TEXT_ARRAY: 1009 } as const;
const identity = (value: string): string => value;

/** The `types` option of a pg Pool or Client. */
export const pgTypeParsers = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === OID.INT8) return Number;
    if (oid === OID.DATE) return identity;
    if (format !== "binary" && oid === OID.TIMESTAMPTZ) return parseTimestamptz;
    if (format !== "binary" && oid === OID.TEXT_ARRAY) return parseTextArray;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

const slowTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, "text") as (text: string) => Date;
const slowTextArray = pg.types.getTypeParser(1009 /* text[] */ as Parameters<typeof pg.types.getTypeParser>[0], "text") as (text: string) => (string | null)[];

const PLUS = 43;
const ZERO = 48;
const DASH = 45;
const SPACE = 32;
const DOT = 46;

const digit = (text: string, at: number) => text.charCodeAt(at) - ZERO;
const twoDigits = (text: string, at: number) => digit(text, at) * 10 + digit(text, at + 1);

/** `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, what a UTC session sends. */
export function parseTimestamptz(text: string): Date {
  const n = text.length;
  const utc = n >= 22 && text.charCodeAt(n - 3) === PLUS && text.charCodeAt(n - 2) === ZERO && text.charCodeAt(n - 1) === ZERO;
  if (!utc || text.charCodeAt(4) !== DASH || text.charCodeAt(10) !== SPACE || (n > 22 && text.charCodeAt(19) !== DOT)) {
    return slowTimestamptz(text);
  }
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  // Date.UTC reads years 0-99 as 19xx.
  if (year < 100) return slowTimestamptz(text);
  // Milliseconds: the first three fraction digits, as postgres-date truncates them.
  const fraction = n - 23;
  const ms = fraction <= 0 ? 0 : digit(text, 20) * 100 + (fraction > 1 ? digit(text, 21) * 10 : 0) + (fraction > 2 ? digit(text, 22) : 0);
  const time = Date.UTC(year, twoDigits(text, 5) - 1, twoDigits(text, 8), twoDigits(text, 11), twoDigits(text, 14), twoDigits(text, 17), ms);
  return new Date(time);
}

/** `{a,b}`: elements neither quoted nor escaped nor nested; an unquoted NULL is null. */
export function parseTextArray(text: string): (string | null)[] {
  if (text === "{}") return [];
  if (text.charCodeAt(0) !== 123 || text.includes('"') || text.includes("\\") || text.indexOf("{", 1) !== -1) {
    return slowTextArray(text);
  }
  const elements: (string | null)[] = text.slice(1, -1).split(",");
  for (let i = 0; i < elements.length; i++) if (elements[i] === "NULL") elements[i] = null;
  return elements;
}
