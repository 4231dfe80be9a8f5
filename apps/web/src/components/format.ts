/** Display helpers shared by the recipe views. */

const FRACTIONS: [number, string][] = [
  [1 / 8, "⅛"],
  [1 / 4, "¼"],
  [1 / 3, "⅓"],
  [1 / 2, "½"],
  [2 / 3, "⅔"],
  [3 / 4, "¾"],
];

/** 1.5 → "1½", 0.333 → "⅓", 12.5 → "12.5" (kitchen fractions only for small amounts). */
export function formatQuantity(quantity: number): string {
  const whole = Math.floor(quantity);
  const rest = quantity - whole;
  if (quantity < 10 && rest > 0.01) {
    const match = FRACTIONS.find(([value]) => Math.abs(rest - value) < 0.02);
    if (match) return whole === 0 ? match[1] : `${whole}${match[1]}`;
  }
  return String(Math.round(quantity * 100) / 100);
}

export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(date);
}
