import { fold } from "../text.js";
import { formatAmount, trailingAmount } from "./amounts.js";

/**
 * Volume and weight conversions, and cups to grams for the ingredients people ask about most. Cups are US
 * cups of 240 ml, the rounded value recipes use.
 */

interface Unit {
  id: string;
  kind: "volume" | "weight";
  /** Millilitres or grams in one unit. */
  size: number;
  label: [singular: string, plural: string];
  names: string[];
  /** What to convert to when the question names no second unit. */
  to: string;
}

const unit = (id: string, kind: Unit["kind"], size: number, label: Unit["label"], to: string, names: string[]) =>
  ({ id, kind, size, label, to, names }) satisfies Unit;

const UNITS: Unit[] = [
  unit("tsp", "volume", 5, ["tsp", "tsp"], "ml", ["teaspoon", "teaspoons", "tsp", "tsps"]),
  unit("tbsp", "volume", 15, ["tbsp", "tbsp"], "ml", ["tablespoon", "tablespoons", "tbsp", "tbsps", "tbs"]),
  unit("cup", "volume", 240, ["cup", "cups"], "ml", ["cup", "cups"]),
  unit("floz", "volume", 29.57, ["fl oz", "fl oz"], "ml", ["fl oz", "fluid ounce", "fluid ounces", "floz"]),
  unit("pint", "volume", 473, ["US pint", "US pints"], "ml", ["pint", "pints", "pt"]),
  unit("quart", "volume", 946, ["US quart", "US quarts"], "l", ["quart", "quarts", "qt"]),
  unit("ml", "volume", 1, ["ml", "ml"], "cup", ["ml", "mls", "milliliter", "milliliters", "millilitre", "millilitres"]),
  unit("l", "volume", 1000, ["litre", "litres"], "cup", ["l", "liter", "liters", "litre", "litres"]),
  unit("g", "weight", 1, ["g", "g"], "oz", ["g", "gram", "grams", "gr", "gramme", "grammes"]),
  unit("kg", "weight", 1000, ["kg", "kg"], "lb", ["kg", "kgs", "kilo", "kilos", "kilogram", "kilograms"]),
  unit("oz", "weight", 28.35, ["oz", "oz"], "g", ["oz", "ounce", "ounces"]),
  unit("lb", "weight", 453.6, ["lb", "lb"], "g", ["lb", "lbs", "pound", "pounds"]),
];

/** Grams in one US cup. */
const CUP_GRAMS: Array<[names: string[], label: string, grams: number]> = [
  [["bread flour"], "bread flour", 130],
  [["flour", "plain flour", "all purpose flour", "self raising flour", "self rising flour"], "flour", 125],
  [["brown sugar"], "brown sugar (packed)", 220],
  [["powdered sugar", "icing sugar", "confectioners sugar"], "powdered sugar", 120],
  [["sugar", "granulated sugar", "caster sugar", "white sugar"], "granulated sugar", 200],
  [["butter"], "butter", 227],
  [["rice"], "uncooked rice", 185],
  [["rolled oats", "oats", "oat"], "rolled oats", 90],
  [["milk"], "milk", 245],
  [["water"], "water", 240],
  [["honey"], "honey", 340],
  [["cocoa", "cocoa powder"], "cocoa powder", 85],
  [["parmesan", "grated parmesan"], "grated parmesan", 100],
  [["cheddar", "grated cheese", "shredded cheese"], "grated cheese", 110],
  [["chopped nuts", "walnuts", "pecans", "almonds"], "chopped nuts", 120],
  [["oil", "olive oil", "vegetable oil"], "oil", 218],
  [["yogurt", "greek yogurt", "yoghurt"], "yogurt", 245],
  [["breadcrumbs", "panko"], "dried breadcrumbs", 110],
  [["chocolate chips"], "chocolate chips", 170],
  [["cornstarch", "cornflour"], "cornstarch", 128],
];

const CONVERT_CUE = /\b(?:convert|conversion|how many|how much|equals?)\b|=/;

interface Mention {
  unit: Unit;
  at: number;
  end: number;
  amount: number | undefined;
}

/** Volume and weight conversions; undefined when the message asks for none. */
export function convertUnits(message: string): string | undefined {
  const text = ` ${message.toLowerCase().replace(/[?!,;]/g, " ").replace(/\s+/g, " ")} `;
  const units = unitsMentioned(text);
  if (units.length === 0 || units.length > 2) return undefined;
  const [first, second] = units as [Mention, Mention | undefined];
  const asked = CONVERT_CUE.test(text);
  if (!second && (first.amount === undefined || !asked)) return undefined;
  // Two units are a question only when asked as one: "200 g butter in cups", not "2 cups rice and 200 g beef".
  if (second && !asked && !/\b(?:in|to|into|is|are|as)\b/.test(text.slice(first.end, second.at))) return undefined;

  // "how many grams in a cup": the unit with an amount is the one converted; otherwise the later one.
  const fromMention = units.find((m) => m.amount !== undefined) ?? units[units.length - 1]!;
  let from = fromMention.unit;
  let to = units.find((m) => m !== fromMention)?.unit ?? UNITS.find((u) => u.id === from.to)!;
  const amount = fromMention.amount ?? 1;
  if (from.kind !== to.kind && densityRow(message) === undefined) {
    // "How many ounces in a cup?" asks about fluid ounces: with no ingredient to weigh, an ounce beside a
    // volume is a volume.
    const fluid = UNITS.find((u) => u.id === "floz")!;
    if (from.id === "oz") from = fluid;
    if (to.id === "oz") to = fluid;
  }
  if (from.kind !== to.kind) return convertByDensity(message, amount, from, to);
  // A US customary cup is 8 fl oz exactly; the 240 ml cup of nutrition labels would say 8⅛.
  const customary = from.id === "cup" && to.id === "floz" ? 8 : from.id === "floz" && to.id === "cup" ? 1 / 8 : undefined;
  const value = customary === undefined ? (amount * from.size) / to.size : amount * customary;
  const cupNote = from.id === "cup" || to.id === "cup" ? " (US cup, 240 ml.)" : "";
  return `${describe(amount, from)} = ${describe(value, to)}.${cupNote}`;
}

/** Each unit named in the text, once (with an amount if any mention has one), in order of appearance. */
function unitsMentioned(text: string): Mention[] {
  const found: Mention[] = [];
  for (const candidate of UNITS) {
    for (const name of candidate.names) {
      const pattern = new RegExp(`(?<=[\\s\\d])${name.replace(" ", "\\s?")}(?=[\\s.])`, "g");
      for (const hit of text.matchAll(pattern)) {
        const amount = trailingAmount(text.slice(0, hit.index));
        found.push({ unit: candidate, at: hit.index, end: hit.index + hit[0].length, amount });
      }
    }
  }
  // "fl oz" is one unit, not fluid ounces and ounces.
  const covered = (m: Mention) =>
    found.some((o) => o !== m && o.at <= m.at && o.end >= m.end && o.end - o.at > m.end - m.at);
  const units: Mention[] = [];
  for (const mention of found.filter((m) => !covered(m)).sort((a, b) => a.at - b.at)) {
    const same = units.findIndex((m) => m.unit.id === mention.unit.id);
    if (same === -1) units.push(mention);
    else if (units[same]!.amount === undefined) units[same] = mention;
  }
  return units;
}

/** The cup-weight row of the ingredient a message names, if any. */
function densityRow(message: string) {
  const words = ` ${fold(message)} `;
  const named = (name: string) => words.includes(` ${name} `) || words.includes(` ${name}s `);
  return CUP_GRAMS.find(([names]) => names.some(named));
}

function convertByDensity(message: string, amount: number, from: Unit, to: Unit): string {
  const row = densityRow(message);
  if (!row) {
    const examples = CUP_GRAMS.slice(0, 6).map(([, label, grams]) => `${label} ${grams} g`).join(", ");
    return [
      `Turning ${from.kind} into ${to.kind} depends on the ingredient. One US cup weighs about: ${examples}.`,
      'Tell me the ingredient (e.g. "1 cup of flour in grams").',
    ].join(" ");
  }
  const [, label, gramsPerCup] = row;
  // Everything through millilitres: a gram of this ingredient fills 240 / gramsPerCup ml.
  const ml = (value: number, u: Unit) => (u.kind === "volume" ? value * u.size : (value * u.size * 240) / gramsPerCup);
  const value = ml(amount, from) / ml(1, to);
  const note = `(1 US cup of ${label} ≈ ${gramsPerCup} g)`;
  return `${describe(amount, from)} of ${label} is about ${describe(value, to)} ${note}.`;
}

const describe = (value: number, u: Unit) => `${formatAmount(value)} ${value <= 1 ? u.label[0] : u.label[1]}`;
