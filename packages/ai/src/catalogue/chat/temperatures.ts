import { formatAmount } from "./amounts.js";

/** Oven and thermometer temperatures: °C ↔ °F, and gas marks. */

const GAS_MARKS: Array<[mark: number, celsius: number, fahrenheit: number]> = [
  [1, 140, 275],
  [2, 150, 300],
  [3, 170, 325],
  [4, 180, 350],
  [5, 190, 375],
  [6, 200, 400],
  [7, 220, 425],
  [8, 230, 450],
  [9, 240, 475],
];

const TEMPERATURE = /(-?\d+(?:[.,]\d+)?)\s*(?:°|º|degrees?|deg\b)?\s*(celsius|centigrade|fahrenheit|c|f)\b/i;

/** The first temperature written in a message ("65C", "350 degrees F"), in °C. */
export function mentionedCelsius(message: string): number | undefined {
  const match = TEMPERATURE.exec(message);
  if (!match) return undefined;
  const value = Number(match[1]!.replace(",", "."));
  return match[2]!.toLowerCase().startsWith("c") ? value : ((value - 32) * 5) / 9;
}

/** "180 °C", "350F", "gas mark 4" → an answer; undefined when the message has no temperature. */
export function convertTemperature(message: string): string | undefined {
  const gas = /gas\s*(?:mark|no\.?)?\s*(\d)\b/i.exec(message);
  const row = gas && GAS_MARKS.find(([mark]) => mark === Number(gas[1]));
  if (row) return `Gas mark ${row[0]} is about ${row[1]} °C (${row[2]} °F).`;

  const match = TEMPERATURE.exec(message);
  if (!match) return undefined;
  const value = Number(match[1]!.replace(",", "."));
  const fromCelsius = match[2]!.toLowerCase().startsWith("c");
  const celsius = fromCelsius ? value : ((value - 32) * 5) / 9;
  const converted = fromCelsius ? (value * 9) / 5 + 32 : celsius;
  const [from, to] = fromCelsius ? ["°C", "°F"] : ["°F", "°C"];
  let answer = `${formatAmount(value)} ${from} is ${Math.round(converted)} ${to}.`;
  const oven = GAS_MARKS.find(([, c]) => Math.abs(c - celsius) <= 5);
  if (oven) answer += ` For an oven that's ${oven[1]} °C / ${oven[2]} °F, gas mark ${oven[0]}.`;
  return answer;
}
