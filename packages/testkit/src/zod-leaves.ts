/**
 * The string fields of a zod schema, found by walking it through zod's public classes (objects, arrays,
 * optionals, defaults, unions, pipes). Tests use it to reach every string field of every input schema, so a
 * field added later is covered without anyone remembering to list it.
 */
import { z } from "zod";

export type LeafPath = (string | number)[];

export interface StringLeaf {
  path: LeafPath;
  schema: z.ZodType;
}

export function stringLeaves(schema: z.ZodType, path: LeafPath = []): StringLeaf[] {
  if (schema instanceof z.ZodString || schema instanceof z.ZodStringFormat) return [{ path, schema }];
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, field]) => stringLeaves(field, [...path, key]));
  }
  if (schema instanceof z.ZodArray) return stringLeaves(schema.element as z.ZodType, [...path, 0]);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    return stringLeaves(schema.unwrap() as z.ZodType, path);
  }
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap((option) => stringLeaves(option, path));
  if (schema instanceof z.ZodPipe) return stringLeaves(schema.in as z.ZodType, path);
  return [];
}

/** A deep copy of `base` with `value` at `path` (objects and arrays created on the way as needed). */
export function withValueAt(base: unknown, path: LeafPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...LeafPath];
  if (typeof head === "number") {
    const array = Array.isArray(base) ? [...(base as unknown[])] : [];
    array[head] = withValueAt(array[head], rest, value);
    return array;
  }
  const object = base !== null && typeof base === "object" && !Array.isArray(base) ? { ...(base as object) } : {};
  return { ...object, [head]: withValueAt((object as Record<string, unknown>)[head], rest, value) };
}
