import { type Schema, Type } from "@google/genai";
import { z } from "zod";

/**
 * zod → Gemini `responseSchema`. The zod schemas in @sous/schemas stay the one definition: zod 4 renders them
 * as JSON Schema, and this file maps that onto the OpenAPI subset Gemini accepts (upper-case types,
 * int64 bounds as strings, `nullable` instead of a null branch, `propertyOrdering` so the model writes fields
 * in declaration order, which also makes streamed partial recipes fill in top to bottom).
 *
 * Anything Gemini cannot express (records, tuples, recursion, non-string enums, `any`) throws at module load,
 * not at request time. Bounds Gemini lacks (exclusive minimum on a float, patterns) are left to zod, which
 * validates every answer anyway.
 */
type Json = Record<string, unknown>;

export class UnsupportedSchemaError extends Error {
  constructor(path: string, what: string) {
    super(`Cannot express ${what} at ${path || "the root"} as a Gemini responseSchema`);
    this.name = "UnsupportedSchemaError";
  }
}

export interface GeminiSchemaOptions {
  /**
   * false: leave out the bounds a model does not write better for knowing (string lengths, item counts, float
   * ranges), since every answer is validated by zod anyway; they are paid for as input tokens on every call.
   * Integer ranges, enums, required fields, ordering and descriptions stay. Default true.
   */
  bounds?: boolean;
}

export function toGeminiSchema(schema: z.ZodType, options: GeminiSchemaOptions = {}): Schema {
  const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "throw", cycles: "throw" }) as Json;
  const converted = convert(json, (json.$defs ?? {}) as Record<string, Json>, "", []);
  return options.bounds === false ? withoutBounds(converted) : converted;
}

const LEAN_DROPS = new Set(["minLength", "maxLength", "minItems", "maxItems"]);

function withoutBounds(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema) as [keyof Schema, unknown][]) {
    if (LEAN_DROPS.has(key)) continue;
    if (schema.type === Type.NUMBER && (key === "minimum" || key === "maximum")) continue;
    if (key === "items") out.items = withoutBounds(value as Schema);
    else if (key === "anyOf") out.anyOf = (value as Schema[]).map(withoutBounds);
    else if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, child]) => [name, withoutBounds(child)]),
      );
    } else (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

function convert(node: Json, defs: Record<string, Json>, path: string, refs: string[]): Schema {
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace(/^#\/\$defs\//, "");
    const target = defs[name];
    if (!target || refs.includes(name)) throw new UnsupportedSchemaError(path, `the reference ${node.$ref}`);
    return convert(target, defs, path, [...refs, name]);
  }
  const variants = (node.anyOf ?? node.oneOf) as Json[] | undefined;
  if (variants) return union(node, variants, defs, path, refs);
  if (Array.isArray(node.type)) {
    const types = node.type.filter((t) => t !== "null");
    if (types.length !== 1) throw new UnsupportedSchemaError(path, "a multi-type value");
    return { ...convert({ ...node, type: types[0] }, defs, path, refs), nullable: true };
  }
  const out: Schema = {};
  if (typeof node.description === "string") out.description = node.description;
  if (node.nullable === true) out.nullable = true;
  if (node.const !== undefined || node.enum !== undefined) return { ...out, ...enumeration(node, path) };

  switch (node.type) {
    case "string":
      return { ...out, type: Type.STRING, ...int64("minLength", node), ...int64("maxLength", node), ...format(node) };
    case "integer":
    case "number":
      return { ...out, ...numeric(node) };
    case "boolean":
      return { ...out, type: Type.BOOLEAN };
    case "array": {
      if (node.prefixItems !== undefined || typeof node.items !== "object") {
        throw new UnsupportedSchemaError(path, "a tuple or an array without one item schema");
      }
      const items = convert(node.items as Json, defs, `${path}[]`, refs);
      return { ...out, type: Type.ARRAY, items, ...int64("minItems", node), ...int64("maxItems", node) };
    }
    case "object": {
      const properties = (node.properties ?? {}) as Record<string, Json>;
      const names = Object.keys(properties);
      if (names.length === 0) throw new UnsupportedSchemaError(path, "an object without declared properties");
      const converted: Record<string, Schema> = {};
      for (const name of names) converted[name] = convert(properties[name]!, defs, `${path}.${name}`, refs);
      const required = Array.isArray(node.required) ? (node.required as string[]) : [];
      return { ...out, type: Type.OBJECT, properties: converted, required, propertyOrdering: names };
    }
    default:
      throw new UnsupportedSchemaError(path, `the type ${JSON.stringify(node.type ?? "any")}`);
  }
}

/** `T | null` becomes a nullable T; any other union becomes Gemini's anyOf. */
function union(node: Json, variants: Json[], defs: Record<string, Json>, path: string, refs: string[]): Schema {
  const nonNull = variants.filter((v) => v.type !== "null");
  const nullable = nonNull.length < variants.length ? { nullable: true } : {};
  const description = typeof node.description === "string" ? { description: node.description } : {};
  if (nonNull.length === 1) return { ...convert(nonNull[0]!, defs, path, refs), ...nullable, ...description };
  return { anyOf: nonNull.map((v, i) => convert(v, defs, `${path}|${i}`, refs)), ...nullable, ...description };
}

function enumeration(node: Json, path: string): Schema {
  const values = node.const !== undefined ? [node.const] : (node.enum as unknown[]);
  if (!values.every((v): v is string => typeof v === "string")) {
    throw new UnsupportedSchemaError(path, "an enum of non-string values");
  }
  return { type: Type.STRING, format: "enum", enum: values };
}

function numeric(node: Json): Schema {
  const integer = node.type === "integer";
  const out: Schema = { type: integer ? Type.INTEGER : Type.NUMBER };
  // Gemini has no exclusive bounds: an integer's is exact one step in, a float's is approximated by the bound.
  const step = integer ? 1 : 0;
  if (typeof node.minimum === "number") out.minimum = node.minimum;
  else if (typeof node.exclusiveMinimum === "number") out.minimum = node.exclusiveMinimum + step;
  if (typeof node.maximum === "number") out.maximum = node.maximum;
  else if (typeof node.exclusiveMaximum === "number") out.maximum = node.exclusiveMaximum - step;
  return out;
}

/** Gemini's length and count bounds are int64, which its JSON encoding carries as strings. */
function int64(key: "minLength" | "maxLength" | "minItems" | "maxItems", node: Json): Schema {
  return typeof node[key] === "number" ? { [key]: String(node[key]) } : {};
}

/** Only the formats Gemini documents for strings; zod's others (email, uuid…) are checked by zod. */
function format(node: Json): Schema {
  return node.format === "date-time" || node.format === "date" ? { format: node.format } : {};
}
