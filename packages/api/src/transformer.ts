/**
 * The tRPC data transformer: superjson on the wire, with a one-pass serializer for responses.
 *
 * superjson walks every value copying paths and trying each of its rules, which made serializing a page of
 * saved recipes cost more than the database call. Responses are almost always plain data (objects, arrays,
 * strings, finite numbers, booleans, null, undefined, Dates); `serialize` writes superjson's exact format for
 * those in one pass, and hands anything else (Map, Set, BigInt, NaN, -0, errors, class instances, a value
 * reached twice) to superjson itself. Inputs and clients use superjson unchanged. (Sous registers no custom
 * superjson types; one that matched plain data would need handling here.)
 */
import superjson, { type SuperJSONResult } from "superjson";

/** superjson's `meta.values`, flat: a path per annotated leaf. */
type Annotations = Record<string, ["Date"] | ["undefined"]>;

/** Thrown inside the walk when a value needs superjson proper. */
const FALLBACK = Symbol("fallback");

export function serialize(value: unknown): SuperJSONResult {
  if (typeof value !== "object" || value === null || value instanceof Date) return superjson.serialize(value);
  const annotations: Annotations = {};
  let json: unknown;
  try {
    json = walk(value, [], annotations, new Set());
  } catch (error) {
    if (error === FALLBACK) return superjson.serialize(value);
    throw error;
  }
  const result = json as SuperJSONResult["json"];
  return Object.keys(annotations).length > 0 ? { json: result, meta: { values: annotations, v: 1 } } : { json: result };
}

export const transformer = {
  input: superjson,
  output: { serialize, deserialize: (data: SuperJSONResult): unknown => superjson.deserialize(data) },
};

// `path` is the key of each level down to `value`; it becomes superjson's dotted path only for annotated
// leaves, so plain leaves cost no string building.
function walk(value: unknown, path: (string | number)[], annotations: Annotations, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // NaN, ±Infinity and -0 have their own superjson annotation.
      if (!Number.isFinite(value) || Object.is(value, -0)) throw FALLBACK;
      return value;
    case "undefined":
      annotations[dotted(path)] = ["undefined"];
      return null;
    case "object":
      break;
    default:
      throw FALLBACK;
  }
  if (value === null) return null;
  // superjson records objects reached by two paths (referential equalities); leave those to it.
  if (seen.has(value)) throw FALLBACK;
  seen.add(value);

  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw FALLBACK;
    annotations[dotted(path)] = ["Date"];
    return isoString(value);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw FALLBACK;
      path.push(i);
      out[i] = walk(value[i], path, annotations, seen);
      path.pop();
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw FALLBACK;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // superjson refuses these outright (prototype pollution); let it.
    if (key === "__proto__" || key === "constructor" || key === "prototype") throw FALLBACK;
    path.push(key);
    out[key] = walk((value as Record<string, unknown>)[key], path, annotations, seen);
    path.pop();
  }
  return out;
}

/**
 * What `toISOString` returns, built from the UTC fields: V8's own costs about twice as much, and a page of
 * saved recipes carries 40 dates. Years outside 1000-9999 (signed or short forms) go to V8's.
 */
function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (year < 1000 || year > 9999) return date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** superjson's path syntax: keys joined by dots, with dots and backslashes in a key escaped. */
function dotted(path: (string | number)[]): string {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const segment =
      typeof key === "number" || (!key.includes(".") && !key.includes("\\"))
        ? key
        : key.replace(/\\/g, "\\\\").replace(/\./g, "\\.");
    out = i === 0 ? `${segment}` : `${out}.${segment}`;
  }
  return out;
}
