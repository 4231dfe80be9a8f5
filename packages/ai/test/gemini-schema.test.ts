import { ALLERGENS, DIETS, Recipe } from "@sous/schemas";
import { Type } from "@google/genai";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { recipeResponseSchema, suggestionsResponseSchema, toGeminiSchema, UnsupportedSchemaError } from "../src/index.js";

describe("the Recipe responseSchema with bounds, derived from the zod Recipe", () => {
  const schema = toGeminiSchema(Recipe);
  const props = schema.properties!;

  test("has every field of Recipe, in declaration order, and requires exactly the non-optional ones", () => {
    const fields = Object.keys(Recipe.shape);
    expect(schema.type).toBe(Type.OBJECT);
    expect(Object.keys(props)).toEqual(fields);
    expect(schema.propertyOrdering).toEqual(fields);
    const optional = fields.filter((f) => Recipe.shape[f as keyof typeof Recipe.shape].safeParse(undefined).success);
    expect(optional.sort()).toEqual(["cuisine", "nutrition", "tips"]);
    expect([...schema.required!].sort()).toEqual(fields.filter((f) => !optional.includes(f)).sort());
  });

  test("enumerates diets, allergens and difficulty", () => {
    expect(props.diets).toMatchObject({ type: Type.ARRAY, maxItems: "10", items: { type: Type.STRING } });
    expect(props.diets!.items!.enum).toEqual([...DIETS]);
    expect(props.allergens!.items!.enum).toEqual([...ALLERGENS]);
    expect(props.allergens!.maxItems).toBe("14");
    expect(props.difficulty).toMatchObject({ type: Type.STRING, enum: ["easy", "medium", "hard"] });
  });

  test("carries the bounds: lengths and counts as int64 strings, numeric ranges as numbers", () => {
    expect(props.title).toEqual({ type: Type.STRING, minLength: "1", maxLength: "120" });
    expect(props.summary).toMatchObject({ type: Type.STRING, maxLength: "500" });
    expect(props.servings).toEqual({ type: Type.INTEGER, minimum: 1, maximum: 48 });
    expect(props.prepMinutes).toEqual({ type: Type.INTEGER, minimum: 0, maximum: 1440 });
    expect(props.cookMinutes).toEqual({ type: Type.INTEGER, minimum: 0, maximum: 2880 });
    expect(props.steps).toMatchObject({ minItems: "1", maxItems: "40", items: { maxLength: "600" } });
    expect(props.tips).toMatchObject({ maxItems: "10" });
  });

  test("describes nested objects: ingredients and nutrition", () => {
    const ingredient = props.ingredients!;
    expect(ingredient).toMatchObject({ type: Type.ARRAY, minItems: "1", maxItems: "60" });
    expect(ingredient.items).toMatchObject({
      type: Type.OBJECT,
      required: ["name"],
      propertyOrdering: ["name", "quantity", "unit", "note"],
    });
    // quantity is positive: the exclusive zod bound becomes Gemini's inclusive minimum (zod still enforces > 0).
    expect(ingredient.items!.properties!.quantity).toMatchObject({ type: Type.NUMBER, minimum: 0, maximum: 100_000 });
    expect(props.nutrition).toMatchObject({
      type: Type.OBJECT,
      required: ["calories", "proteinG", "carbsG", "fatG"],
      properties: { calories: { type: Type.NUMBER, minimum: 0, maximum: 20_000 } },
    });
  });

});

describe("the schemas sent to Gemini: lean, described", () => {
  const props = recipeResponseSchema.properties!;

  test("keep fields, order, enums and integer ranges, and drop the bounds zod checks anyway", () => {
    expect(Object.keys(props)).toEqual(Object.keys(Recipe.shape));
    expect(props.servings).toEqual({ type: Type.INTEGER, minimum: 1, maximum: 48 });
    expect(props.diets!.items!.enum).toEqual([...DIETS]);
    const text = JSON.stringify(recipeResponseSchema);
    expect(text).not.toMatch(/maxLength|minLength|maxItems|minItems/);
    expect(text.length).toBeLessThan(JSON.stringify(toGeminiSchema(Recipe)).length);
  });

  test("say one unit system per recipe and agree with validation on quantity (never 0; left out when unmeasured)", () => {
    expect(props.ingredients!.description).toMatch(/one unit system/i);
    const quantity = props.ingredients!.items!.properties!.quantity!;
    expect(quantity.minimum).toBeUndefined();
    expect(quantity.description).toMatch(/above 0/);
    expect(quantity.description).toMatch(/to taste/);
    for (const field of ["summary", "diets", "allergens", "steps", "nutrition"]) {
      expect(props[field]!.description, field).toBeTruthy();
    }
  });

  test("the suggestions schema wraps complete recipes", () => {
    const list = suggestionsResponseSchema.properties!.suggestions!;
    expect(list.type).toBe(Type.ARRAY);
    expect(list.items!.properties!.recipe).toEqual(recipeResponseSchema);
    expect(list.items!.properties!.score).toMatchObject({ type: Type.NUMBER });
  });
});

describe("toGeminiSchema", () => {
  test("turns T | null into a nullable T, exclusive integer bounds into inclusive ones, and keeps descriptions", () => {
    const schema = toGeminiSchema(
      z.object({
        note: z.string().nullable(),
        count: z.number().int().gt(0).lt(10).describe("how many"),
        when: z.iso.datetime(),
      }),
    );
    expect(schema.properties).toEqual({
      note: { type: Type.STRING, nullable: true },
      count: { type: Type.INTEGER, minimum: 1, maximum: 9, description: "how many" },
      when: { type: Type.STRING, format: "date-time" },
    });
  });

  test("keeps other unions as anyOf and literals as one-value enums", () => {
    const schema = toGeminiSchema(z.object({ v: z.union([z.literal("a"), z.boolean()]) }));
    expect(schema.properties!.v).toEqual({
      anyOf: [{ type: Type.STRING, format: "enum", enum: ["a"] }, { type: Type.BOOLEAN }],
    });
  });

  test.each([
    ["a record", z.object({ r: z.record(z.string(), z.string()) })],
    ["a tuple", z.object({ t: z.tuple([z.string(), z.number()]) })],
    ["an unknown value", z.object({ u: z.unknown() })],
    ["a numeric enum", z.object({ n: z.literal(3) })],
  ])("refuses %s instead of sending a schema Gemini would misread", (_name, schema) => {
    expect(() => toGeminiSchema(schema)).toThrow(UnsupportedSchemaError);
  });
});
