// The recipe the bench's fake Gemini answers: complete and valid, so Sous's validation passes as in production.
export const BENCH_RECIPE = {
  title: "Pad Thai",
  summary: "Stir-fried rice noodles with egg, tofu, bean sprouts and peanuts in a tamarind sauce.",
  cuisine: "Thai",
  servings: 2,
  prepMinutes: 20,
  cookMinutes: 10,
  difficulty: "medium",
  diets: ["vegetarian"],
  allergens: ["eggs", "peanuts", "soy"],
  ingredients: [
    { name: "flat rice noodles", quantity: 200, unit: "g" },
    { name: "eggs", quantity: 2 },
    { name: "firm tofu", quantity: 150, unit: "g", note: "cubed" },
    { name: "bean sprouts", quantity: 100, unit: "g" },
    { name: "tamarind paste", quantity: 2, unit: "tbsp" },
    { name: "soy sauce", quantity: 1, unit: "tbsp" },
    { name: "roasted peanuts", quantity: 40, unit: "g", note: "chopped" },
  ],
  steps: [
    "Soak the noodles in warm water for 20 minutes, then drain.",
    "Fry the tofu until golden, push it aside and scramble the eggs.",
    "Add the noodles, tamarind and soy sauce; toss for 2 minutes.",
    "Fold in the bean sprouts and top with the peanuts.",
  ],
  tips: ["Have everything ready before you start: it cooks fast."],
  nutrition: { calories: 620, proteinG: 24, carbsG: 80, fatG: 22 },
};
