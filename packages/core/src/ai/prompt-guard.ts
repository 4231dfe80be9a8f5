/**
 * The prompt guard: every piece of user text passes here before it can reach a model. In order: the length
 * cap (LIMITS), then cleaning (control and invisible characters stripped, NFC), then known injection patterns,
 * then topic: a dish, ingredient or cuisine must plausibly be food, and a chat message must not be a clearly
 * off-topic request. Deterministic and cheap, so it runs before quota, cache and upstream calls.
 *
 * Refusals are logged as security events with a short hash and the length of the text, never the text.
 * Messages shown to users are generic: they say what Sous does, not which rule fired.
 */
import { createHash } from "node:crypto";
import { IMPORT_TEXT_MAX, LIMITS } from "@sous/schemas";
import { mentionsFood } from "./food-words.js";
import {
  ALWAYS_OFF_TOPIC,
  INJECTION_RULES,
  NON_FOOD,
  OFF_TOPIC_WITHOUT_FOOD,
  SENTENCE_START,
  type GuardRule,
} from "./guard.patterns.js";

/** "import": a pasted recipe or a page's visible text, read like a chat message (newlines kept, longer). */
export type GuardKind = "dish" | "ingredient" | "chat" | "cuisine" | "import";
export type GuardRefusalReason = "too_long" | "injection" | "off_topic";
export type GuardResult = { ok: true; text: string } | { ok: false; reason: GuardRefusalReason; message: string };

export interface GuardMeta {
  requestId?: string | undefined;
  subject?: string | undefined;
}

export interface PromptGuardOptions {
  logger?: { warn(obj: object, msg: string): void };
}

export interface PromptGuard {
  /** The cleaned text when it may go to a model, else a refusal to show the user. */
  check(text: string, kind: GuardKind, meta?: GuardMeta): GuardResult;
}

const MAX_LENGTH: Record<GuardKind, number> = {
  dish: LIMITS.dish,
  ingredient: LIMITS.ingredientName,
  chat: LIMITS.chatMessage,
  cuisine: 40,
  import: IMPORT_TEXT_MAX,
};

const MESSAGES: Record<GuardRefusalReason | "not_food", string> = {
  too_long: "That is longer than Sous accepts. Please shorten it.",
  injection: "Sous can't process that request. Please ask about cooking.",
  off_topic: "Sous only helps with cooking: recipes, ingredients, techniques, nutrition and kitchen questions.",
  not_food: "That doesn't look like food. Please enter a dish, an ingredient or a cuisine.",
};

/** C0/C1 controls except tab and newline (handled per kind), plus zero-width and bidi-override characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;
/** 40+ characters of base64 with mixed case and digits: an encoded payload, not words. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{40,}={0,2}/g;

export function createPromptGuard(options: PromptGuardOptions = {}): PromptGuard {
  const refuse = (
    reason: GuardRefusalReason,
    rule: string,
    kind: GuardKind,
    text: string,
    meta: GuardMeta | undefined,
  ): GuardResult => {
    options.logger?.warn(
      {
        event: "prompt_guard_refusal",
        reason,
        rule,
        kind,
        requestId: meta?.requestId,
        subject: meta?.subject,
        length: text.length,
        textHash: createHash("sha256").update(text).digest("hex").slice(0, 12),
      },
      "prompt guard refused input",
    );
    const message = reason === "off_topic" && kind !== "chat" && kind !== "import" ? MESSAGES.not_food : MESSAGES[reason];
    return { ok: false, reason, message };
  };

  return {
    check(text, kind, meta) {
      if (text.trim().length > MAX_LENGTH[kind]) return refuse("too_long", "length", kind, text, meta);
      const cleaned = clean(text, kind);
      const folded = fold(cleaned);

      const injection = firstMatch(INJECTION_RULES, folded) ?? (hasEncodedBlob(cleaned) ? "encoded_blob" : undefined);
      if (injection) return refuse("injection", injection, kind, text, meta);

      const offTopic = kind === "chat" || kind === "import" ? chatOffTopic(folded) : notFood(folded);
      if (offTopic) return refuse("off_topic", offTopic, kind, text, meta);
      return { ok: true, text: cleaned };
    },
  };
}

/** What may go to the model: no control or invisible characters, NFC; newlines kept only in chat. */
function clean(text: string, kind: GuardKind): string {
  const normalized = text.normalize("NFC").replace(/\r\n?/g, "\n").replace(INVISIBLE, "").replace(CONTROL, "");
  if (kind === "chat" || kind === "import") return normalized.replace(/\t/g, " ").replace(/\n{3,}/g, "\n\n").trim();
  return normalized.replace(/\s+/g, " ").trim();
}

/**
 * For matching only: compatibility forms folded (full-width letters, ligatures), accents dropped ("ïgnore"),
 * lower case, spaces collapsed.
 */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\S\n]+/g, " ");
}

function firstMatch(rules: GuardRule[], folded: string): string | undefined {
  return rules.find((rule) => rule.pattern.test(folded))?.name;
}

function hasEncodedBlob(text: string): boolean {
  return (text.match(BASE64_RUN) ?? []).some(
    (run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run) && (run.match(/\//g) ?? []).length <= run.length / 10,
  );
}

function chatOffTopic(folded: string): string | undefined {
  return (
    firstMatch(ALWAYS_OFF_TOPIC, folded) ??
    (mentionsFood(folded) ? undefined : firstMatch(OFF_TOPIC_WITHOUT_FOOD, folded))
  );
}

/**
 * A dish, ingredient or cuisine is a short noun phrase. Known food words make it plausible; without them a
 * short phrase of letters passes (dish names we do not know), and a sentence, a question or a thing that is
 * never food does not.
 */
function notFood(folded: string): string | undefined {
  const always = firstMatch(ALWAYS_OFF_TOPIC, folded);
  if (always) return always;
  if (!/\p{L}{2,}/u.test(folded)) return "no_words";
  if (/https?:\/\/|www\.|\S+@\S+\.\w+/.test(folded)) return "link";
  if (/[{}<>\\|^~=]|\$\(|;\s*\S/.test(folded)) return "markup";
  if (mentionsFood(folded)) return undefined;
  if (NON_FOOD.test(folded)) return "non_food";
  if (firstMatch(OFF_TOPIC_WITHOUT_FOOD, folded)) return "off_topic_subject";
  if (SENTENCE_START.test(folded) || /\?/.test(folded)) return "sentence";
  if (folded.split(" ").length > 6) return "too_many_words";
  return undefined;
}
