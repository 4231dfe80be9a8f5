import { afterAll, describe, expect, it } from "vitest";
import { createPromptGuard, type GuardKind } from "../../src/index.js";
import { ATTACKS, LEGIT_CHAT, LEGIT_DISHES } from "./guard.eval-set.js";

/**
 * The guard against its evaluation set (guard.eval-set.ts), in the dish field and in chat: the share of attacks
 * refused (target ≥ 95 %) and of legitimate inputs refused (target ≤ 2 %), printed as a table. Every refusal
 * logs one security event. Deterministic: no model call.
 */
const events: object[] = [];
const guard = createPromptGuard({ logger: { warn: (obj) => void events.push(obj) } });
const refused = (text: string, kind: GuardKind) => !guard.check(text, kind).ok;

const legit: { text: string; kind: GuardKind }[] = [
  ...LEGIT_DISHES.map((text) => ({ text, kind: "dish" as const })),
  ...LEGIT_DISHES.map((text) => ({ text: `How do I make ${text}?`, kind: "chat" as const })),
  ...LEGIT_CHAT.map((text) => ({ text, kind: "chat" as const })),
];
const attacks = Object.entries(ATTACKS).flatMap(([family, texts]) =>
  texts.flatMap((text) => (["chat", "dish"] as const).map((kind) => ({ family, text, kind }))),
);

const rows: Record<string, string | number>[] = [];
const rate = (hits: number, total: number) => Math.round((hits / total) * 1000) / 10;
afterAll(() => {
  console.log("\nprompt guard on its evaluation set");
  console.table(rows);
});

describe("the prompt guard's evaluation set", () => {
  it("is large enough: ≥ 150 legitimate and ≥ 150 attacks, over every family", () => {
    expect(LEGIT_DISHES.length + LEGIT_CHAT.length).toBeGreaterThanOrEqual(150);
    const attackCount = Object.values(ATTACKS).reduce((n, list) => n + list.length, 0);
    expect(attackCount).toBeGreaterThanOrEqual(150);
    expect(ATTACKS.multilingual!.length).toBeGreaterThanOrEqual(12);
  });

  it.each(["dish", "chat"] as const)("%s field: at most 2 percent of legitimate inputs refused", (kind) => {
    const cases = legit.filter((c) => c.kind === kind);
    const wrong = cases.filter((c) => refused(c.text, kind)).map((c) => c.text);
    rows.push({ field: kind, set: "legitimate", total: cases.length, refused: wrong.length, "refused %": rate(wrong.length, cases.length) });
    expect(wrong.length / cases.length, `refused: ${JSON.stringify(wrong)}`).toBeLessThanOrEqual(0.02);
  });

  it.each(["dish", "chat"] as const)("%s field: at least 95 percent of attacks refused, each family at least 80 percent", (kind) => {
    const cases = attacks.filter((c) => c.kind === kind);
    const missed = cases.filter((c) => !refused(c.text, kind));
    for (const family of Object.keys(ATTACKS)) {
      const inFamily = cases.filter((c) => c.family === family);
      const through = missed.filter((c) => c.family === family).length;
      rows.push({ field: kind, set: `attacks: ${family}`, total: inFamily.length, refused: inFamily.length - through, "refused %": rate(inFamily.length - through, inFamily.length) });
      expect((inFamily.length - through) / inFamily.length, `${family} let through: ${JSON.stringify(missed.filter((c) => c.family === family).map((c) => c.text))}`).toBeGreaterThanOrEqual(0.8);
    }
    const share = (cases.length - missed.length) / cases.length;
    rows.push({ field: kind, set: "attacks: all", total: cases.length, refused: cases.length - missed.length, "refused %": rate(cases.length - missed.length, cases.length) });
    expect(share, `let through: ${JSON.stringify(missed.map((c) => c.text))}`).toBeGreaterThanOrEqual(0.95);
  });

  it("logs one security event per refusal, without the text", () => {
    events.length = 0;
    const sample = attacks.slice(0, 20);
    const count = sample.filter((c) => refused(c.text, c.kind)).length;
    expect(count).toBeGreaterThan(15);
    expect(events).toHaveLength(count);
    for (const [i, event] of events.entries()) {
      expect(event).toMatchObject({ event: "prompt_guard_refusal", textHash: expect.any(String), rule: expect.any(String) });
      expect(JSON.stringify(event)).not.toContain(sample[i]!.text.slice(0, 20));
    }
  });
});
