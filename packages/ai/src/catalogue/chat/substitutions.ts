import { fold } from "../text.js";

/** Common swaps for when an ingredient is missing. Amounts are per the usual recipe unit. */
interface Substitution {
  names: string[];
  label: string;
  swaps: string[];
}

export const SUBSTITUTIONS: Substitution[] = [
  {
    names: ["buttermilk"],
    label: "buttermilk",
    swaps: [
      "1 cup (240 ml) milk + 1 tbsp lemon juice or white vinegar; let it stand 5–10 minutes until slightly thick.",
      "¾ cup plain yogurt thinned with ¼ cup milk.",
    ],
  },
  {
    names: ["self raising flour", "self rising flour", "self-raising flour", "self-rising flour"],
    label: "self-raising flour",
    swaps: [
      "150 g plain flour + 2 tsp baking powder (+ a pinch of salt), whisked together.",
      "Per US cup: 1 cup all-purpose flour + 1½ tsp baking powder + ¼ tsp salt.",
    ],
  },
  {
    names: ["egg", "eggs"],
    label: "an egg",
    swaps: [
      "In baking: 1 tbsp ground flaxseed + 3 tbsp water, rested 5 minutes (a 'flax egg').",
      "3 tbsp aquafaba (the liquid from a can of chickpeas) per egg; whip it for meringue-like results.",
      "¼ cup (60 g) unsweetened applesauce or mashed ripe banana in cakes and muffins (adds moisture and flavour).",
      "There is no good swap where eggs are the dish itself (omelettes, custards).",
    ],
  },
  {
    names: ["butter"],
    label: "butter",
    swaps: [
      "For frying and sautéing: the same amount of olive or vegetable oil.",
      "In baking: the same weight of margarine, or 80% of the weight in neutral oil (cakes and muffins, not pastry).",
      "Dairy-free: coconut oil, solid for pastry and biscuits, melted for cakes.",
    ],
  },
  {
    names: ["heavy cream", "double cream", "cream", "whipping cream", "single cream"],
    label: "cream",
    swaps: [
      "For cooking: ¾ cup milk + ¼ cup melted butter per cup of cream (it will not whip).",
      "Evaporated milk in sauces and soups, one for one.",
      "Dairy-free: full-fat coconut cream or blended soaked cashews.",
    ],
  },
  {
    names: ["sour cream", "creme fraiche"],
    label: "sour cream",
    swaps: ["Plain Greek yogurt, one for one (stir it in off the heat so it doesn't split)."],
  },
  {
    names: ["baking powder"],
    label: "baking powder",
    swaps: ["Per 1 tsp: ¼ tsp baking soda + ½ tsp cream of tartar."],
  },
  {
    names: ["baking soda", "bicarbonate of soda", "bicarb"],
    label: "baking soda",
    swaps: ["Per ¼ tsp: 1 tsp baking powder (it is weaker, so use about four times as much)."],
  },
  {
    names: ["brown sugar"],
    label: "brown sugar",
    swaps: ["1 cup white sugar + 1 tbsp molasses (dark brown: 2 tbsp)."],
  },
  {
    names: ["cornstarch", "cornflour", "corn starch"],
    label: "cornstarch",
    swaps: ["For thickening: 2 tbsp plain flour per 1 tbsp cornstarch (cook it a little longer)."],
  },
  {
    names: ["milk"],
    label: "milk",
    swaps: ["Unsweetened soy, oat or almond milk, one for one.", "Half evaporated milk, half water."],
  },
  {
    names: ["wine", "white wine", "red wine"],
    label: "wine",
    swaps: ["The same amount of stock with a splash (1–2 tsp per cup) of vinegar or lemon juice."],
  },
  {
    names: ["fresh herbs", "fresh herb", "herbs"],
    label: "fresh herbs",
    swaps: ["1 tsp dried herbs for every 1 tbsp fresh (add dried herbs earlier in the cooking)."],
  },
  {
    names: ["garlic", "garlic clove", "garlic cloves"],
    label: "a garlic clove",
    swaps: ["⅛ tsp garlic powder, or ½ tsp jarred minced garlic."],
  },
  {
    names: ["lemon juice", "lemon", "lemons"],
    label: "lemon juice",
    swaps: ["Lime juice, one for one, or half the amount of white wine or cider vinegar in savoury dishes."],
  },
  {
    names: ["soy sauce"],
    label: "soy sauce",
    swaps: ["Tamari (gluten-free), or coconut aminos (soy-free, sweeter: add a pinch of salt)."],
  },
  {
    names: ["honey"],
    label: "honey",
    swaps: ["Maple syrup or golden syrup, one for one (maple keeps it vegan)."],
  },
  {
    names: ["mayonnaise", "mayo"],
    label: "mayonnaise",
    swaps: ["Plain Greek yogurt, or mashed avocado in sandwiches."],
  },
  {
    names: ["breadcrumbs", "bread crumbs", "panko"],
    label: "breadcrumbs",
    swaps: ["Crushed crackers or cornflakes, rolled oats, or ground almonds (gluten-free)."],
  },
  {
    names: ["shallot", "shallots"],
    label: "shallots",
    swaps: ["Half the amount of finely chopped onion with a little garlic."],
  },
  {
    names: ["fish sauce"],
    label: "fish sauce",
    swaps: ["Soy sauce with a squeeze of lime (vegetarian), or a mashed anchovy fillet per teaspoon."],
  },
];

const CUE_WORDS = ["substitut\\w*", "instead of", "replace\\w*", "replacement", "swap\\w*", "alternative\\w*"]
  .concat(["in place of", "out of", "ran out", "run out", "don'?t have", "do not have", "no more"]);
const SUBSTITUTION_CUE = new RegExp(`\\b(?:${CUE_WORDS.join("|")})\\b`);

/** Whether the message asks for a substitution at all. */
export const asksForSubstitution = (message: string) => SUBSTITUTION_CUE.test(message.toLowerCase());

/** The swaps for the item the message names (longest name wins: "sour cream" over "cream"), or undefined. */
export function answerSubstitution(message: string): string | undefined {
  const text = ` ${fold(message)} `;
  let best: { entry: Substitution; length: number } | undefined;
  for (const entry of SUBSTITUTIONS) {
    for (const name of entry.names) {
      const folded = fold(name);
      if (text.includes(` ${folded} `) && folded.length > (best?.length ?? 0)) best = { entry, length: folded.length };
    }
  }
  if (!best) return undefined;
  return [`Instead of ${best.entry.label}:`, ...best.entry.swaps.map((swap) => `- ${swap}`)].join("\n");
}

export const SUBSTITUTION_ITEMS = SUBSTITUTIONS.map((entry) => entry.label.replace(/^an? /, ""));
