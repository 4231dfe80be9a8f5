import { describe, expect, it } from "vitest";
import { z } from "zod";
// Here rather than in @sous/schemas: the schema walker lives in the testkit, which depends on @sous/schemas.
import * as schemas from "@sous/schemas";
import { stringLeaves } from "../src/zod-leaves.js";

const inputs: [string, z.ZodType][] = Object.entries(schemas).flatMap(([name, value]) =>
  name.endsWith("Input") && value instanceof z.ZodType ? [[name, value as z.ZodType] as [string, z.ZodType]] : [],
);

describe("every string field of every input schema", () => {
  it("finds the input schemas and their string fields", () => {
    expect(inputs.map(([name]) => name)).toEqual(expect.arrayContaining(["GenerateRecipeInput", "SavedCreateInput"]));
    const leaves = inputs.flatMap(([, schema]) => stringLeaves(schema));
    // Recipe alone has nine (title, summary, cuisine, ingredient name/unit/note, steps, tips …).
    expect(leaves.length).toBeGreaterThan(25);
  });

  for (const [name, schema] of inputs) {
    for (const leaf of stringLeaves(schema)) {
      it(`${name}.${leaf.path.join(".")} refuses NUL and unpaired surrogates`, () => {
        for (const bad of ["ab\u0000c", "ab\uD800c", "ab\uDC00c", "\u0000"]) {
          expect(leaf.schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
        }
      });
    }
  }
});

describe("text()", () => {
  it("accepts any well-formed text, astral characters (paired surrogates) included", () => {
    const schema = schemas.text().max(50);
    for (const good of ["Crème brûlée", "辣子鸡", "tacos 🌮🌶️", "tab\tand\nnewline", ""]) {
      expect(schema.safeParse(good)).toEqual({ success: true, data: good });
    }
  });

  it("refuses NUL and lone surrogates with a message saying why", () => {
    const result = schemas.text().safeParse("x\u0000y");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/NUL/);
    expect(schemas.text().safeParse("\uDBFF").success).toBe(false);
    expect(schemas.text().safeParse("🌮".slice(0, 1)).success).toBe(false);
  });
});
