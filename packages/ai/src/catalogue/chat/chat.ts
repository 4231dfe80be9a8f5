import { LIMITS } from "@sous/schemas";
import { closestByName, chooseRecipe, GOOD_MATCH } from "../generate.js";
import type { IndexedCatalogue } from "../indexed.js";
import { suggestRecipes } from "../suggest.js";
import type { ChatTurn } from "@sous/core";
import { convertTemperature } from "./temperatures.js";
import { convertUnits } from "./units.js";
import { formatRecipe, formatSuggestions } from "./format.js";
import { answerSafeTemperature } from "./safe-temperatures.js";
import { answerSubstitution, asksForSubstitution, SUBSTITUTION_ITEMS } from "./substitutions.js";

/**
 * The offline chat: answers the newest user turn from the catalogue and its tables when it can, and says
 * plainly what needs the AI model otherwise. Intents are tried from the most specific (a substitution, a safe
 * temperature, a conversion) to the most general (a dish name), so "what temperature is chicken safe at"
 * never turns into a chicken recipe. Off-topic refusal happens before this, in core's guard.
 */
export function answerChat(catalogue: IndexedCatalogue, history: readonly ChatTurn[]): string {
  const message = [...history].reverse().find((turn) => turn.role === "user")?.content.trim() ?? "";
  if (message === "" || GREETING.test(message)) {
    return capabilities(catalogue, "Hello! I'm Sous, answering from the offline recipe catalogue.");
  }

  const substitutionAsked = asksForSubstitution(message);
  if (substitutionAsked) {
    const swap = answerSubstitution(message);
    if (swap) return swap;
  }
  const dish = requestedDish(message);
  const known =
    answerSafeTemperature(message) ??
    convertTemperature(message) ??
    convertUnits(message) ??
    (dish === undefined ? undefined : recipeAnswer(catalogue, dish)) ??
    pantryAnswer(catalogue, message) ??
    (dish === undefined ? recipeAnswer(catalogue, message, { bare: true }) : notFound(catalogue, dish));
  if (known) return known;
  if (substitutionAsked) {
    const items = SUBSTITUTION_ITEMS.join(", ");
    return capabilities(
      catalogue,
      `My offline substitution table doesn't cover that; it knows ${items}. A tailored substitution ${NEEDS_GEMINI}.`,
    );
  }
  return capabilities(catalogue, `That ${NEEDS_GEMINI}, so I'm answering from Sous's offline recipe catalogue.`);
}

const NEEDS_GEMINI = "needs the AI model (Gemini), which this server isn't configured with";

/** A case-insensitive pattern matching any of the alternatives, then `tail`. */
const anyOf = (alternatives: string[], tail: string) => new RegExp(`(?:${alternatives.join("|")})${tail}`, "i");

const GREETING = /^(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|help)\b[\s!.,?]*$/i;

const PANTRY_CUE = anyOf(
  [
    "\\bwhat (?:can|could|should|shall) i (?:make|cook|do)",
    "\\bwhat to (?:make|cook)",
    "\\b(?:recipes?|ideas?|something|dish(?:es)?|meals?) (?:with|using|that uses?)",
    "\\bi (?:have|'ve got|have got|got)",
    "\\bi've got",
    "\\b(?:make|cook) with",
    "\\busing",
  ],
  "\\b(.*)$",
);
// Words that mark a piece of the list as part of the question rather than an ingredient.
const QUESTION_WORDS = ["what", "how", "can", "could", "make", "cook", "recipes?", "ideas?", "suggest", "fridge"]
  .concat(["pantry", "left", "home", "dinner", "lunch", "breakfast", "tonight", "today"]);
const NOT_AN_INGREDIENT = new RegExp(`\\b(?:${QUESTION_WORDS.join("|")})\\b`);

function pantryAnswer(catalogue: IndexedCatalogue, message: string): string | undefined {
  const tail = PANTRY_CUE.exec(message)?.[1];
  if (tail === undefined) return undefined;
  const items = tail
    .toLowerCase()
    .split(/[.?!]/)[0]!
    .split(/,|;|&|\+|\band\b|\bplus\b|\bor\b/)
    .map((piece) =>
      piece
        .replace(/:/g, " ")
        .replace(/^\s*(?:with|using|some|a few|a bit of|leftover|a|an|the|\d+(?:\.\d+)?)\s+/g, "")
        .trim(),
    )
    .filter((piece) => piece !== "" && piece.split(/\s+/).length <= 4 && !NOT_AN_INGREDIENT.test(piece))
    .slice(0, 30);
  if (items.length === 0) return undefined;
  const suggestions = suggestRecipes(catalogue, { ingredients: items, count: 3 });
  if (suggestions.length === 0) {
    return `Nothing in the offline catalogue uses ${items.join(", ")}. Inventing a recipe around them ${NEEDS_GEMINI}.`;
  }
  return formatSuggestions(items, suggestions);
}

const DISH_CUE = anyOf(
  [
    "how (?:do|can|should|would) (?:i|you|we|one) (?:make|cook|prepare)",
    "how to (?:make|cook|prepare)",
    "recipe (?:for|of)",
    "(?:give|show|send|tell) me (?:a |the |your )?(?:recipe (?:for|of) )?",
    "i (?:want|would like|'d like) to (?:make|cook)",
    "let'?s (?:make|cook)",
    "ingredients (?:for|of|in)",
  ],
  "\\s+(.+)$",
);

/** The dish a message asks to cook, when it is phrased as a recipe request. */
function requestedDish(message: string): string | undefined {
  const text = message.replace(/[?!.]+\s*$/, "").trim();
  const dish = (DISH_CUE.exec(text)?.[1] ?? /^(.+?)\s+recipe$/i.exec(text)?.[1])
    ?.replace(/^(?:a|an|the|some|good|proper|real)\s+/i, "")
    .replace(/\s+(?:please|at home)$/i, "");
  // A dish name is as long as recipe.generate allows; anything longer is a question for the model.
  return dish !== undefined && dish.length <= LIMITS.dish ? dish : undefined;
}

/** The recipe a dish name clearly names, as text; a bare message counts only when short ("carbonara"). */
function recipeAnswer(catalogue: IndexedCatalogue, dish: string, options?: { bare: boolean }): string | undefined {
  if (options?.bare && (dish.length > LIMITS.dish || dish.split(/\s+/).length > 5)) return undefined;
  const top = closestByName(catalogue, dish, 1)[0];
  if (!top || top.score < GOOD_MATCH) return undefined;
  const { recipe, warnings } = chooseRecipe(catalogue, { dish });
  return [...warnings, formatRecipe(recipe)].join("\n\n");
}

function notFound(catalogue: IndexedCatalogue, dish: string): string {
  const near = closestByName(catalogue, dish, 3)
    .filter((c) => c.score >= 0.3)
    .map((c) => c.entry.recipe.title);
  const alternatives = near.length > 0 ? ` The closest it has: ${near.join(", ")}.` : "";
  return `The offline catalogue has no recipe for "${dish}".${alternatives} Writing a new recipe ${NEEDS_GEMINI}.`;
}

function capabilities(catalogue: IndexedCatalogue, opening: string): string {
  return [
    opening,
    "",
    "Offline, I can:",
    `- look up any of the catalogue's ${catalogue.entries.length} recipes ("how do I make pad thai?")`,
    '- suggest what to make with what you have ("what can I make with eggs and spinach?")',
    '- suggest substitutions ("what can I use instead of buttermilk?")',
    '- convert units and temperatures ("how many grams in a cup of flour?", "180 °C in °F")',
    '- give safe cooking temperatures ("what temperature is chicken safe at?")',
  ].join("\n");
}
