import type { SavedRecord, SavedRepository } from "@sous/db";
import { Recipe, scaleRecipe, type ChatSource } from "@sous/schemas";
import type { SavedRecipeContext } from "../ports/llm.js";

/**
 * Grounding a signed-in cook's chat in their saved recipes: which of them the newest message is about, found
 * with the saved repository's full-text search (any content word of the message) plus, for questions about
 * time ("what did I save last week?") or about the collection itself, the newest ones. Every query is scoped
 * to the caller's user id, so another user's recipes can never be retrieved. A request to scale ("scale my
 * pad thai to 6", "… for 8 people") is done here, with the one scaleRecipe, so every provider (the offline
 * catalogue and a model weak at arithmetic alike) answers with the same quantities.
 */
export const MAX_GROUNDING_RECIPES = 4;

/** Words of a question that say nothing about which recipe it means. */
const FILLER = new Set(
  (
    "what which when where who how long much many does did do can could would should will shall have has had " +
    "make made making cook cooked cooking bake recipe recipes saved save dish dishes meal meals food something " +
    "take takes taking time minutes hours scale scaled double halve serve serves servings serving people persons " +
    "guests portions using use uses with from that this these those there their them they your mine week weeks " +
    "month months year today yesterday last recent recently latest newest ago need needs want like about tell " +
    "show list give find again please thanks just some any all into for and the are was were been being it"
  ).split(" "),
);

const RECENT: [RegExp, number | undefined][] = [
  [/\b(?:today|this morning|tonight)\b/i, 1],
  [/\byesterday\b/i, 2],
  [/\b(?:last|this|past) (?:few )?days?\b/i, 4],
  [/\b(?:last|this|past) week(?:end)?\b|\brecent(?:ly)?\b|\blatest\b|\bnewest\b|\bjust saved\b/i, 7],
  [/\b(?:last|this|past) (?:couple of )?(?:weeks|fortnight)\b/i, 14],
  [/\b(?:last|this|past) month\b/i, 31],
  [/\b(?:my|i(?:'ve| have)?) saved\b|\bmy recipes\b|\bsaved recipes\b/i, undefined],
];

const SCALE = [
  /\bscale\b[^\d]{0,80}?\b(?:to|for)\s+(\d{1,2})\b/i,
  /\bfor\s+(\d{1,2})\s+(?:people|persons|guests|servings|portions)\b/i,
  /\bserves?\s+(\d{1,2})\b/i,
];

export function contentWords(message: string): string[] {
  const words = message.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? [];
  const kept = words.map((w) => w.replace(/'s$/, "")).filter((w) => w.length >= 3 && !FILLER.has(w));
  return [...new Set(kept)].slice(0, 12);
}

/** The servings a message asks to scale to, when it asks (1..48, the Recipe bounds). */
export function requestedServings(message: string): number | undefined {
  for (const pattern of SCALE) {
    const value = Number(pattern.exec(message)?.[1]);
    if (Number.isInteger(value) && value >= 1 && value <= 48) return value;
  }
  return undefined;
}

/** How far back a question about recent saves looks; `null` when it does not ask about the collection. */
function recency(message: string): { days: number | undefined } | null {
  for (const [pattern, days] of RECENT) if (pattern.test(message)) return { days };
  return null;
}

export interface Grounding {
  saved: SavedRecipeContext[];
  /** The message is about the cook's own recipes ("my lasagne", "what did I save…"), not cooking in general. */
  aboutSaved: boolean;
}

export async function retrieveSaved(
  repo: SavedRepository,
  userId: string,
  message: string,
  now: Date,
): Promise<Grounding> {
  const found = new Map<string, SavedRecord>();
  for (const record of await repo.search(userId, contentWords(message), MAX_GROUNDING_RECIPES)) found.set(record.id, record);
  const asked = recency(message);
  // A time window ("last week") always adds the newest saves; a bare "my saved recipes" only when the search
  // found nothing, so "my saved recipes with chickpeas" stays about chickpeas.
  if (asked && (asked.days !== undefined || found.size === 0)) {
    const since = asked.days === undefined ? undefined : new Date(now.getTime() - asked.days * 86_400_000);
    for (const record of await repo.recent(userId, MAX_GROUNDING_RECIPES, since)) {
      if (found.size < MAX_GROUNDING_RECIPES && !found.has(record.id)) found.set(record.id, record);
    }
  }
  const servings = requestedServings(message);
  const contexts: SavedRecipeContext[] = [];
  for (const record of found.values()) {
    const parsed = Recipe.safeParse(record.recipe);
    if (!parsed.success) continue; // saved before a schema change: not worth failing the chat for
    const context: SavedRecipeContext = { savedId: record.id, title: record.title, recipe: parsed.data, notes: record.notes, savedAt: record.createdAt };
    // Only the best match is scaled: "scale my pad thai to 6" is about one recipe.
    if (servings !== undefined && contexts.length === 0 && servings !== parsed.data.servings) {
      context.recipe = scaleRecipe(parsed.data, servings);
      context.scaledFrom = parsed.data.servings;
    }
    contexts.push(context);
  }
  return { saved: contexts, aboutSaved: asked !== null || /\bmy\b/i.test(message) };
}

/**
 * The saved recipes an answer drew on. A provider that can tell says so (the catalogue); its word is kept
 * only for recipes it was given. Otherwise (a model's free text) they are the given recipes the reply names
 * by title; when it names none, all of them if the question was about the cook's own recipes (the model had
 * nothing else to answer from), else none (a general cooking answer that merely had them at hand).
 */
export function sourcesOf(
  { saved: given, aboutSaved }: Grounding,
  reply: string,
  reported: readonly string[] | undefined,
): ChatSource[] {
  const toSource = (item: SavedRecipeContext): ChatSource => ({ savedId: item.savedId, title: item.title });
  if (reported) return given.filter((item) => reported.includes(item.savedId)).map(toSource);
  const text = normalize(reply);
  const named = given.filter((item) => text.includes(normalize(item.title)));
  return (named.length > 0 ? named : aboutSaved ? given : []).map(toSource);
}

const normalize = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
