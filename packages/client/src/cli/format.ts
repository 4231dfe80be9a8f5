/** Readable text for each result the CLI prints (with `--json` the output DTO is printed instead). */
import type { RouterOutputs } from "@sous/api";
import type { Ingredient, Recipe } from "@sous/schemas";

type Outputs = RouterOutputs;

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

export function formatRecipe(recipe: Recipe): string {
  const meta = [
    recipe.cuisine,
    `serves ${recipe.servings}`,
    `${recipe.prepMinutes} min prep + ${recipe.cookMinutes} min cook`,
    recipe.difficulty,
    ...recipe.diets,
  ].filter(Boolean);
  const lines = [recipe.title, meta.join(" · ")];
  if (recipe.summary) lines.push("", recipe.summary);
  lines.push("", "Ingredients", ...recipe.ingredients.map((item) => `  - ${formatIngredient(item)}`));
  lines.push("", "Steps", ...recipe.steps.map((step, i) => `  ${i + 1}. ${step}`));
  if (recipe.tips?.length) lines.push("", "Tips", ...recipe.tips.map((tip) => `  - ${tip}`));
  if (recipe.allergens.length) lines.push("", `Allergens: ${recipe.allergens.join(", ")}`);
  const n = recipe.nutrition;
  if (n) {
    const per = `${number.format(n.calories)} kcal · ${number.format(n.proteinG)} g protein`;
    lines.push(`Per serving: ${per} · ${number.format(n.carbsG)} g carbs · ${number.format(n.fatG)} g fat`);
  }
  return lines.join("\n");
}

function formatIngredient({ name, quantity, unit, note }: Ingredient): string {
  const amount = [quantity === undefined ? undefined : number.format(quantity), unit].filter(Boolean).join(" ");
  return [amount, name].filter(Boolean).join(" ") + (note ? ` (${note})` : "");
}

export function formatGenerated(result: Outputs["recipe"]["generate"], saved?: { id: string }): string {
  const lines = [formatRecipe(result.recipe), "", `source: ${result.source}${result.cached ? " (cached)" : ""}`];
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (saved) lines.push(`saved: ${saved.id}`);
  return lines.join("\n");
}

export function formatSuggestions(result: Outputs["recipe"]["fromIngredients"]): string {
  if (result.suggestions.length === 0) return "No suggestions.";
  const blocks = result.suggestions.map((s, i) => {
    const minutes = s.recipe.prepMinutes + s.recipe.cookMinutes;
    const lines = [`${i + 1}. ${s.title} (${minutes} min, match ${Math.round(s.score * 100)}%)`, `   ${s.summary}`];
    if (s.uses.length) lines.push(`   uses: ${s.uses.join(", ")}`);
    if (s.missing.length) lines.push(`   missing: ${s.missing.join(", ")}`);
    return lines.join("\n");
  });
  return [...blocks, "", `source: ${result.source}${result.cached ? " (cached)" : ""}`].join("\n");
}

export function formatChat(result: Outputs["chat"]["send"]): string {
  return `${result.reply}\n\n(conversation ${result.conversationId}: continue with --conversation ${result.conversationId})`;
}

export function formatSavedPage(page: Outputs["saved"]["list"]): string {
  if (page.items.length === 0) return "No saved recipes.";
  const lines = page.items.map((item) => {
    const details = [`${item.totalMinutes} min`, `serves ${item.servings}`];
    if (item.rating !== null) details.push(`${"★".repeat(item.rating)}`);
    if (item.tags.length) details.push(item.tags.map((tag) => `#${tag}`).join(" "));
    return `${item.id}  ${item.title}  (${details.join(", ")})`;
  });
  if (page.nextCursor) lines.push("", `more: --cursor ${page.nextCursor}`);
  return lines.join("\n");
}

export function formatSaved(saved: Outputs["saved"]["byId"]): string {
  const lines = [formatRecipe({ ...saved.recipe, title: saved.title }), "", `id: ${saved.id}`];
  if (saved.tags.length) lines.push(`tags: ${saved.tags.join(", ")}`);
  if (saved.rating !== null) lines.push(`rating: ${saved.rating}/5`);
  if (saved.notes) lines.push(`notes: ${saved.notes}`);
  return lines.join("\n");
}

export function formatUser(user: Outputs["auth"]["me"]): string {
  const name = user.name ? `${user.name} <${user.email}>` : user.email;
  return `${name}\nrole: ${user.role}\nid: ${user.id}`;
}
