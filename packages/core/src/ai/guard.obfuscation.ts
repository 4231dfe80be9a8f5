/**
 * Readings of a text that undo the usual disguises of an injection, for matching only (the text that goes to
 * the model is never rewritten this way): look-alike letters from other scripts, leetspeak, letters spaced or
 * dotted apart, ROT13, reversed text, and base64. Each reading is matched against the injection and danger
 * rules; a cooking question read backwards or in ROT13 is gibberish and matches nothing.
 */

/** Cyrillic and Greek letters that look like Latin ones (NFKD has already folded full-width and styled letters). */
const HOMOGLYPHS: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ɡ: "g", һ: "h", ӏ: "l", ԛ: "q", ԝ: "w", ո: "n", ս: "u",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", γ: "y",
};
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", $: "s", "!": "i", "|": "l", "+": "t" };

const mapChars = (text: string, table: Record<string, string>) =>
  Array.from(text, (char) => table[char] ?? char).join("");

export function unHomoglyph(text: string): string {
  return mapChars(text, HOMOGLYPHS);
}

/** Leetspeak read as letters, but only inside words that mix letters and leet characters ("1gn0re"). */
export function unLeet(text: string): string {
  return text.replace(/[\p{L}\d@$!|+]+/gu, (word) => (/\p{L}/u.test(word) && /[\d@$!|+]/.test(word) ? mapChars(word, LEET) : word));
}

/** "i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e": runs of single letters joined into words. */
export function joinSpacedLetters(text: string): string {
  return text.replace(/\b(?:\p{L}[\s.\-_*]){3,}\p{L}\b/gu, (run) => run.replace(/[\s.\-_*]/g, ""));
}

export function rot13(text: string): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 13) % 26) + 97));
}

export function reversed(text: string): string {
  return Array.from(text).reverse().join("");
}

/** Text hidden in base64 runs of 16+ characters, when it decodes to mostly printable text. */
export function decodedBase64(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []) {
    const decoded = Buffer.from(run, "base64").toString("utf8");
    const printable = decoded.replace(/[^\x20-\x7e]/g, "").length;
    if (decoded.length >= 8 && printable / decoded.length > 0.9 && /[a-z]{3,} [a-z]{2,}/i.test(decoded)) {
      out.push(decoded.toLowerCase());
    }
  }
  return out;
}

/** Every disguised reading of a folded text worth matching, the text itself excluded. */
export function readings(folded: string, original: string): string[] {
  const plain = unLeet(unHomoglyph(folded));
  const joined = joinSpacedLetters(plain);
  return [plain, joined, rot13(joined), reversed(joined), ...decodedBase64(original)];
}
