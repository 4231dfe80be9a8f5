import { fold, tokens } from "../text.js";
import { mentionedCelsius } from "./temperatures.js";

/**
 * Minimum safe internal temperatures (USDA / FSIS guidance), measured with a thermometer in the thickest
 * part. Ordered so the stricter rule wins: "ground chicken" is poultry, "pork sausage" is ground meat.
 */
interface SafeTemperature {
  foods: string[];
  label: string;
  celsius: number;
  fahrenheit: number;
  note: string;
}

export const SAFE_TEMPERATURES: SafeTemperature[] = [
  {
    foods: ["chicken", "turkey", "duck", "goose", "poultry", "quail", "hen", "stuffing"],
    label: "Poultry (whole, pieces and ground)",
    celsius: 74,
    fahrenheit: 165,
    note: "Check the thickest part of the thigh or breast, away from the bone; juices should run clear.",
  },
  {
    foods: ["ground", "mince", "minced", "burger", "hamburger", "meatball", "meatloaf", "sausage"],
    label: "Ground meat (beef, pork, lamb, veal) and fresh sausages",
    celsius: 71,
    fahrenheit: 160,
    note: "Grinding spreads surface bacteria through the meat, so it needs more than a whole steak.",
  },
  {
    foods: ["leftover", "leftovers", "casserole", "reheat", "reheating", "reheated"],
    label: "Leftovers and casseroles",
    celsius: 74,
    fahrenheit: 165,
    note: "Reheat until steaming hot all the way through; bring sauces and soups to a boil.",
  },
  {
    foods: ["egg", "eggs", "quiche", "frittata", "custard"],
    label: "Egg dishes",
    celsius: 71,
    fahrenheit: 160,
    note: "Cook plain eggs until both the white and the yolk are firm unless you use pasteurised eggs.",
  },
  {
    foods: ["fish", "salmon", "tuna", "cod", "shrimp", "prawn", "prawns", "shellfish", "seafood", "scallop"]
      .concat(["lobster", "crab", "clam", "mussel", "oyster"]),
    label: "Fish and shellfish",
    celsius: 63,
    fahrenheit: 145,
    note:
      "Fish is done when the flesh is opaque and flakes easily; shrimp and lobster turn pearly and opaque, " +
      "clams, mussels and oysters open.",
  },
  {
    foods: ["pork", "ham", "tenderloin"],
    label: "Pork (chops, roasts, tenderloin) and fresh ham",
    celsius: 63,
    fahrenheit: 145,
    note: "Then rest it 3 minutes. A little pink is fine at this temperature. Reheat precooked ham to 60 °C (140 °F).",
  },
  {
    foods: ["beef", "steak", "lamb", "veal", "roast", "chop", "chops", "venison"],
    label: "Beef, lamb and veal steaks, chops and roasts",
    celsius: 63,
    fahrenheit: 145,
    note:
      "Then rest it 3 minutes. Medium-rare (about 57 °C / 135 °F) is a common preference but below this " +
      "guidance.",
  },
];

const CUE_WORDS = ["temps?", "temperatures?", "safe", "safely", "done", "doneness", "internal", "thermometer"]
  .concat(["undercooked", "cooked through", "raw", "pink", "how hot", "degrees?"]);
const TEMPERATURE_CUE = new RegExp(`\\b(?:${CUE_WORDS.join("|")})\\b|°`);

/** The safe-temperature answer for a question like "what temperature is chicken safe at?", or undefined. */
export function answerSafeTemperature(message: string): string | undefined {
  if (!TEMPERATURE_CUE.test(message.toLowerCase())) return undefined;
  // As written and singular: "burgers" and "steaks" are burger and steak.
  const words = new Set([...fold(message).split(" "), ...tokens(message)]);
  const rule = SAFE_TEMPERATURES.find(({ foods }) => foods.some((food) => words.has(food)));
  if (!rule) return undefined;
  const answer =
    `${rule.label}: cook to an internal temperature of at least ${rule.celsius} °C (${rule.fahrenheit} °F), ` +
    `measured with a food thermometer in the thickest part. ${rule.note}`;
  const asked = mentionedCelsius(message);
  if (asked === undefined) return answer;
  const verdict = Math.round(asked) >= rule.celsius ? "is at or above" : "is below";
  return `${Math.round(asked)} °C (${Math.round((asked * 9) / 5 + 32)} °F) ${verdict} the safe minimum. ${answer}`;
}

