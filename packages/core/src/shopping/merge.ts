import { BASE_UNIT, measureOf, scaleIngredient, type ShoppingSource } from "@sous/schemas";

/** A shopping line as merging sees it: no id, no checked state. */
export interface Line {
  name: string;
  quantity?: number | undefined;
  unit?: string | undefined;
  sources: ShoppingSource[];
}

export interface MergePlan {
  /** Existing lines (by id) whose amount or sources changed. */
  updates: { id: string; line: Line }[];
  /** Lines that matched nothing, in the order given. */
  inserts: Line[];
}

/**
 * Folds new lines into a list the way a shopper would write it: the same ingredient in units that convert
 * (g and kg, tsp, tbsp and cup, ml and l, oz and lb) becomes one line in the unit that reads best; counted
 * things merge when their unit has the same name ("2 cloves" + "1 clove"); a line without an amount ("salt")
 * joins any line of the same ingredient. Checked lines are done and take nothing new. Every merged line keeps
 * the recipes it came from.
 */
export function mergeLines(existing: (Line & { id: string; checked: boolean })[], incoming: Line[]): MergePlan {
  const open = existing.filter((l) => !l.checked).map((l) => ({ ...l, changed: false }));
  const added: Line[] = [];
  for (const line of incoming) {
    const existingLine = open.find((l) => mergeable(l, line));
    if (existingLine) {
      Object.assign(existingLine, combine(existingLine, line), { changed: true });
      continue;
    }
    const newLine = added.find((l) => mergeable(l, line));
    if (newLine) Object.assign(newLine, combine(newLine, line));
    else added.push({ ...line, sources: uniqueSources(line.sources) });
  }
  return {
    updates: open.filter((l) => l.changed).map(({ id, name, quantity, unit, sources }) => ({ id, line: { name, quantity, unit, sources } })),
    inserts: added,
  };
}

/** Same ingredient, whatever the case, spacing or a plural "s" ("Tomatoes" is "tomato"). */
export function ingredientKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/(?<=[a-z]{2})(oes|ies|s)$/, (end) => (end === "ies" ? "y" : end === "oes" ? "o" : ""));
}

function unitKey(unit: string | undefined): string {
  const measure = measureOf(unit);
  if (measure) return `measure:${measure.family}`;
  return `count:${unit === undefined ? "" : ingredientKey(unit)}`;
}

function mergeable(a: Line, b: Line): boolean {
  if (ingredientKey(a.name) !== ingredientKey(b.name)) return false;
  if (a.quantity === undefined || b.quantity === undefined) return true;
  return unitKey(a.unit) === unitKey(b.unit);
}

function combine(a: Line, b: Line): Line {
  const sources = uniqueSources([...a.sources, ...b.sources]);
  if (b.quantity === undefined) return { ...a, sources };
  if (a.quantity === undefined) return { ...b, name: a.name, sources };
  const ma = measureOf(a.unit);
  const mb = measureOf(b.unit);
  if (ma && mb) {
    const total = a.quantity * ma.size + b.quantity * mb.size;
    const best = scaleIngredient({ name: a.name, quantity: total, unit: BASE_UNIT[ma.family] }, 1);
    return { name: a.name, quantity: best.quantity, unit: best.unit, sources };
  }
  return { name: a.name, quantity: Number((a.quantity + b.quantity).toFixed(2)), unit: a.unit, sources };
}

/** A recipe added twice is one source; free additions (no savedId) are told apart by title. */
function uniqueSources(sources: ShoppingSource[]): ShoppingSource[] {
  const seen = new Map<string, ShoppingSource>();
  for (const s of sources) {
    const key = s.savedId ?? `title:${s.title}`;
    if (!seen.has(key)) seen.set(key, s);
  }
  return [...seen.values()];
}
