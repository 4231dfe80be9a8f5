import type { Recipe } from "@sous/schemas";
import { tokens } from "./text.js";

/**
 * The course of a dish, so that a substitute stays in it (a dessert for a dessert): read from the words of a
 * title or query, and for a catalogue recipe also from its summary. Two courses are enough to keep a cook
 * asking for pavlova from being offered macaroni cheese.
 */
export type Course = "dessert" | "savoury";

const DESSERT_WORDS = new Set([
  ...["cake", "cheesecake", "brownie", "blondie", "cookie", "biscuit", "tart", "pudding", "mousse", "tiramisu"],
  ...["crumble", "cobbler", "pavlova", "meringue", "custard", "sorbet", "gelato", "ice", "cupcake", "muffin"],
  ...["fudge", "truffle", "macaron", "eclair", "profiterole", "doughnut", "donut", "panna", "cotta", "flan"],
  ...["brulee", "trifle", "banoffee", "baklava", "churro", "dessert", "sweet", "shortbread", "scone", "strudel"],
  ...["parfait", "sundae", "crepe", "waffle", "pancake", "chocolate", "caramel", "praline", "souffle"],
]);
// A pie or tart of these is a dessert: "key lime pie", "pecan pie" (a "chicken pot pie" is caught as savoury).
const SWEET_FILLINGS = new Set(["apple", "lime", "lemon", "cherry", "pecan", "pumpkin", "key", "blueberry", "peach", "rhubarb", "strawberry", "custard", "sugar"]);
const SAVOURY_WORDS = new Set(["chicken", "beef", "pork", "lamb", "fish", "cheese", "pot", "shepherd", "cottage", "meat", "steak", "onion", "mushroom", "leek", "pizza"]);

/** The course a text names, or undefined when it does not say ("pie" alone could be either). */
export function courseOfText(text: string): Course | undefined {
  const words = tokens(text);
  if (words.some((w) => SAVOURY_WORDS.has(w))) return "savoury";
  if (words.some((w) => DESSERT_WORDS.has(w))) return "dessert";
  if (words.some((w) => w === "pie" || w === "tart") && words.some((w) => SWEET_FILLINGS.has(w))) return "dessert";
  return undefined;
}

/** A recipe's course from its title, else "dessert" only when its summary says so outright. */
export function courseOfRecipe(recipe: Recipe): Course {
  return courseOfText(recipe.title) ?? (/\bdessert\b/i.test(recipe.summary) ? "dessert" : "savoury");
}
