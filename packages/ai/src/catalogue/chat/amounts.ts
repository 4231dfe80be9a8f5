/** Numbers as people type them in kitchen questions: "2", "1.5", "1/2", "1 1/2", "½", "a", "half a". */

const WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  half: 0.5,
  quarter: 0.25,
};
const GLYPHS: Record<string, number> = { "½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125 };

/** An amount at the very end of `text` ("convert 1 1/2" → 1.5), or undefined. */
export function trailingAmount(text: string): number | undefined {
  const t = text.trimEnd().toLowerCase();
  const mixed = /(\d+)\s+(\d+)\/(\d+)$/.exec(t);
  if (mixed) return Number(mixed[1]) + Number(mixed[2]) / Number(mixed[3]);
  const fraction = /(\d+)\/(\d+)$/.exec(t);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  const glyph = /(\d*)\s*([½¼¾⅓⅔⅛])$/.exec(t);
  if (glyph) return Number(glyph[1] || 0) + GLYPHS[glyph[2]!]!;
  const decimal = /(\d+(?:[.,]\d+)?)$/.exec(t);
  if (decimal) return Number(decimal[1]!.replace(",", "."));
  if (/half an?$/.test(t)) return 0.5;
  const word = /([a-z]+)$/.exec(t)?.[1];
  return word === undefined ? undefined : WORDS[word];
}

/** A number for a reply: whole numbers plain, others to at most two decimals, kitchen fractions as glyphs. */
export function formatAmount(value: number): string {
  const whole = Math.floor(value);
  const rest = value - whole;
  for (const [glyph, fraction] of Object.entries(GLYPHS)) {
    if (Math.abs(rest - fraction) < 0.01) return whole === 0 ? glyph : `${whole}${glyph}`;
  }
  if (value >= 100) return String(Math.round(value));
  if (value >= 10) return String(Math.round(value * 10) / 10);
  return String(Math.round(value * 100) / 100);
}
