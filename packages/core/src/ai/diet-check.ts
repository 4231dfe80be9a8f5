/**
 * The deterministic diet and allergen check lives with the food vocabulary in @sous/schemas/food, so that the
 * offline catalogue filters with the very same table core checks answers with. Re-exported for core's users.
 */
export {
  checkRecipeCompliance,
  detectAllergens,
  type ComplianceConstraints,
  type ComplianceResult,
} from "@sous/schemas/food";
