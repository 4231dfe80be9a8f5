import { z } from "zod";

/**
 * zod → the JSON Schema of OpenAI's `response_format: { type: "json_schema", strict: true }`, so the zod
 * schemas in @sous/schemas stay the one definition. Strict mode (honoured by OpenAI, vLLM, llama.cpp's server,
 * Ollama and LM Studio as a grammar) requires, on every object, `additionalProperties: false` and every
 * property in `required`; an optional field is therefore written as a required one that may be null, and
 * `withoutNulls` removes those nulls before zod validates the answer. Keywords strict mode does not support
 * (string lengths) are dropped: zod still checks every answer, and a violation gets the one repair call.
 */
type Json = Record<string, unknown>;

const KEPT = new Set([
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "const",
  "anyOf",
  "description",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
]);

export function toStrictJsonSchema(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "throw", cycles: "throw", reused: "inline" });
  return strict(json as Json);
}

function strict(node: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) if (KEPT.has(key)) out[key] = value;
  if (Array.isArray(node.anyOf)) out.anyOf = (node.anyOf as Json[]).map(strict);
  if (node.items && typeof node.items === "object") out.items = strict(node.items as Json);
  if (node.type === "object") {
    const properties = (node.properties ?? {}) as Record<string, Json>;
    const required = new Set((node.required ?? []) as string[]);
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, child]) => [name, required.has(name) ? strict(child) : nullable(strict(child))]),
    );
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  return out;
}

function nullable(node: Json): Json {
  if (typeof node.type === "string" && !node.enum) return { ...node, type: [node.type, "null"] };
  return { anyOf: [node, { type: "null" }] };
}

/** Removes null-valued object keys (strict mode's stand-in for an absent optional field), at any depth. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Json).filter(([, item]) => item !== null);
    return Object.fromEntries(entries.map(([key, item]) => [key, withoutNulls(item)]));
  }
  return value;
}

/** The schema an answer is validated with: the zod schema, after strict mode's nulls are removed. */
export function strictAnswer<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.preprocess(withoutNulls, schema) as unknown as z.ZodType<T>;
}
