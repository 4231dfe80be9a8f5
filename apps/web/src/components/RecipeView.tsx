import type { Ingredient, Recipe } from "@sous/schemas";
import { useId, type ReactNode, type Ref } from "react";
import { formatMinutes, formatQuantity } from "./format.js";

type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A recipe while it streams in: any field may still be missing, arrays may be partly filled. */
export type PartialRecipe = DeepPartial<Recipe>;

interface RecipeViewProps {
  recipe: PartialRecipe;
  /** Still arriving: sections not yet here show placeholders and the article is marked busy. */
  streaming?: boolean;
  /** h1 when the recipe is the page (a saved recipe), h2 inside a screen that has its own title. */
  titleLevel?: 1 | 2;
  /** Controls shown between the header and the ingredients (servings, rating…). */
  toolbar?: ReactNode;
  /** Lets a page move focus to the title when it opens (the title is then focusable by script only). */
  titleRef?: Ref<HTMLHeadingElement>;
}

/** A recipe, complete or partial, as one article: header, ingredients, steps, tips, nutrition. */
export function RecipeView({ recipe, streaming = false, titleLevel = 2, toolbar, titleRef }: RecipeViewProps) {
  const id = useId();
  const Title = titleLevel === 1 ? "h1" : "h2";
  const total = (recipe.prepMinutes ?? 0) + (recipe.cookMinutes ?? 0);
  return (
    <article className="recipe" aria-busy={streaming} aria-labelledby={`${id}-recipe-title`}>
      <header className="recipe-header">
        <Title id={`${id}-recipe-title`} className="recipe-title" ref={titleRef} tabIndex={titleRef ? -1 : undefined}>
          {recipe.title ?? <span className="placeholder">Naming the dish…</span>}
        </Title>
        {recipe.summary && <p className="recipe-summary">{recipe.summary}</p>}
        {recipe.servings !== undefined && (
          <dl className="facts">
            <div>
              <dt>Serves</dt>
              <dd data-testid="servings">{recipe.servings}</dd>
            </div>
            {recipe.prepMinutes !== undefined && (
              <div>
                <dt>Prep</dt>
                <dd>{formatMinutes(recipe.prepMinutes)}</dd>
              </div>
            )}
            {recipe.cookMinutes !== undefined && (
              <div>
                <dt>Cook</dt>
                <dd>{formatMinutes(recipe.cookMinutes)}</dd>
              </div>
            )}
            {total > 0 && (
              <div>
                <dt>Total</dt>
                <dd>{formatMinutes(total)}</dd>
              </div>
            )}
            {recipe.difficulty && (
              <div>
                <dt>Difficulty</dt>
                <dd>{recipe.difficulty}</dd>
              </div>
            )}
            {recipe.cuisine && (
              <div>
                <dt>Cuisine</dt>
                <dd>{recipe.cuisine}</dd>
              </div>
            )}
          </dl>
        )}
        <Badges label="Diets" items={recipe.diets} className="badge-diet" />
        <Badges label="Contains" items={recipe.allergens} className="badge-allergen" />
      </header>

      {toolbar}

      <div className="recipe-body">
        <section className="ingredients" aria-labelledby={`${id}-ingredients-heading`}>
          <h3 id={`${id}-ingredients-heading`}>Ingredients</h3>
          {recipe.ingredients && recipe.ingredients.length > 0 ? (
            <ul>
              {recipe.ingredients.map((ingredient, index) => (
                <li key={index} data-testid="ingredient">
                  <IngredientLine ingredient={ingredient} />
                </li>
              ))}
            </ul>
          ) : (
            streaming && <p className="placeholder">Gathering ingredients…</p>
          )}
        </section>

        <section className="steps" aria-labelledby={`${id}-steps-heading`}>
          <h3 id={`${id}-steps-heading`}>Method</h3>
          {recipe.steps && recipe.steps.length > 0 ? (
            <ol>
              {recipe.steps.map((step, index) => (
                <li key={index}>{step}</li>
              ))}
            </ol>
          ) : (
            streaming && <p className="placeholder">Writing the steps…</p>
          )}
        </section>
      </div>

      {recipe.tips && recipe.tips.length > 0 && (
        <section className="tips" aria-labelledby={`${id}-tips-heading`}>
          <h3 id={`${id}-tips-heading`}>Tips</h3>
          <ul>
            {recipe.tips.map((tip, index) => (
              <li key={index}>{tip}</li>
            ))}
          </ul>
        </section>
      )}

      {recipe.nutrition && <NutritionFacts nutrition={recipe.nutrition} labelId={`${id}-nutrition-heading`} />}
    </article>
  );
}

function IngredientLine({ ingredient }: { ingredient: Partial<Ingredient> }) {
  const amount = [ingredient.quantity === undefined ? "" : formatQuantity(ingredient.quantity), ingredient.unit ?? ""]
    .join(" ")
    .trim();
  return (
    <>
      {amount && (
        <span className="amount" data-testid="amount">
          {amount}
        </span>
      )}{" "}
      <span className="ingredient-name">{ingredient.name}</span>
      {ingredient.note && <span className="muted">, {ingredient.note}</span>}
    </>
  );
}

function Badges({ label, items, className }: { label: string; items: string[] | undefined; className: string }) {
  if (!items || items.length === 0) return null;
  return (
    <p className="badges">
      <span className="badges-label">{label}:</span>
      {items.map((item) => (
        <span key={item} className={`badge ${className}`}>
          {item}
        </span>
      ))}
    </p>
  );
}

function NutritionFacts({ nutrition, labelId }: { nutrition: NonNullable<PartialRecipe["nutrition"]>; labelId: string }) {
  const facts: [string, number | undefined, string][] = [
    ["Energy", nutrition.calories, "kcal"],
    ["Protein", nutrition.proteinG, "g"],
    ["Carbs", nutrition.carbsG, "g"],
    ["Fat", nutrition.fatG, "g"],
  ];
  return (
    <section className="nutrition" aria-labelledby={labelId}>
      <h3 id={labelId}>Per serving</h3>
      <dl className="facts">
        {facts.map(([label, value, unit]) =>
          value === undefined ? null : (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                {Math.round(value)} {unit}
              </dd>
            </div>
          ),
        )}
      </dl>
    </section>
  );
}
