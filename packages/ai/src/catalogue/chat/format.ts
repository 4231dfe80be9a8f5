import type { Ingredient, Recipe, Suggestion } from "@sous/schemas";
import { formatAmount } from "./amounts.js";

/** Recipes and suggestions as chat text: short markdown that also reads well as plain text. */

export function formatIngredient(item: Ingredient): string {
  const unit = item.unit ? ` ${item.unit}` : "";
  const amount = item.quantity === undefined ? "" : `${formatAmount(item.quantity)}${unit} `;
  return `${amount}${item.name}${item.note ? ` (${item.note})` : ""}`;
}

export function formatRecipe(recipe: Recipe): string {
  const facts = [
    recipe.cuisine,
    `serves ${recipe.servings}`,
    `${recipe.prepMinutes} min prep + ${recipe.cookMinutes} min cooking`,
    recipe.difficulty,
  ].filter(Boolean);
  const lines = [
    `**${recipe.title}** (${facts.join(" · ")})`,
    "",
    recipe.summary,
    "",
    "Ingredients:",
    ...recipe.ingredients.map((item) => `- ${formatIngredient(item)}`),
    "",
    "Steps:",
    ...recipe.steps.map((step, index) => `${index + 1}. ${step}`),
  ];
  if (recipe.tips && recipe.tips.length > 0) lines.push("", "Tips:", ...recipe.tips.map((tip) => `- ${tip}`));
  return lines.join("\n");
}

export function formatSuggestions(items: readonly string[], suggestions: readonly Suggestion[]): string {
  const lines = [`With ${items.join(", ")}, the catalogue suggests:`];
  suggestions.forEach((suggestion, index) => {
    const { title, summary, uses, missing } = suggestion;
    const needs = missing.length === 0 ? "you have everything" : `you'd also need ${missing.join(", ")}`;
    lines.push(`${index + 1}. **${title}**: ${summary} Uses ${uses.join(", ")}; ${needs}.`);
  });
  lines.push("", 'Ask "how do I make …?" for the full recipe.');
  return lines.join("\n");
}
