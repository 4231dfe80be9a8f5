import { parseIngredient } from "parse-ingredient";
import type { Ingredient } from "@sous/schemas";

/** Words parse-ingredient reads as units that are sizes of the thing: "2 large eggs" is 2 × "large eggs". */
const SIZE_WORDS = new Set(["large", "medium", "small", "extra-large", "jumbo"]);

/**
 * One written ingredient line ("1 ½ cups flour, sifted") as Sous's Ingredient: quantity and unit by
 * parse-ingredient (mixed numbers, vulgar fractions, ranges, abbreviations), the name up to the first comma,
 * the rest as the note. A range keeps its lower bound and says the range in the note. Undefined for a line
 * with no name (a heading, a bare number).
 */
export function parseIngredientLine(raw: string): Ingredient | undefined {
  const line = raw.replace(/\s+/g, " ").replace(/^[-*•·▢□☐]\s*/, "").trim();
  if (!line) return undefined;
  const parsed = parseIngredient(line).find((p) => !p.isGroupHeader);
  if (!parsed) return undefined;

  let unit = parsed.unitOfMeasure?.replace(/\.$/, "") || undefined;
  let description = parsed.description.trim();
  if (unit && parsed.unitOfMeasureID && SIZE_WORDS.has(parsed.unitOfMeasureID)) {
    description = `${unit} ${description}`;
    unit = undefined;
  }
  const notes: string[] = [];
  description = description.replace(/\(([^)]*)\)/g, (_, inner: string) => {
    if (inner.trim()) notes.push(inner.trim());
    return " ";
  });
  const comma = description.indexOf(",");
  if (comma >= 0) {
    notes.unshift(description.slice(comma + 1).trim());
    description = description.slice(0, comma);
  }
  const name = description.replace(/\s+/g, " ").replace(/^of /i, "").trim();
  if (!name) return undefined;
  if (parsed.quantity2 !== null && parsed.quantity !== null) notes.unshift(`${parsed.quantity}–${parsed.quantity2}`);

  const quantity = parsed.quantity !== null && parsed.quantity > 0 ? Math.min(parsed.quantity, 100_000) : undefined;
  const note = notes.filter(Boolean).join("; ");
  return {
    name: clip(name, 80),
    ...(quantity === undefined ? {} : { quantity }),
    ...(unit === undefined ? {} : { unit: clip(unit, 20) }),
    ...(note ? { note: clip(note, 120) } : {}),
  };
}

/** Cuts at a word boundary when one is near, so a long text stays readable within a schema bound. */
export function clip(text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
