/**
 * What the prompt guard refuses. Patterns run on a folded copy of the text (NFKC, lower case, zero-width
 * characters removed, whitespace collapsed), so full-width letters and split-up spacing do not slip past.
 * Each rule has a name that is logged with a refusal (the text itself never is).
 *
 * They are written to spare cooking talk: "ignore the skin on the chicken", "a system of sauces", "dan dan
 * noodles", "chicken stock", "cure the salmon" and "turn off the safety valve" must all pass (see the tests).
 */
export interface GuardRule {
  name: string;
  pattern: RegExp;
}

const PRIOR = String.raw`(?:all|any|every|previous|prior|above|earlier|preceding|former|original|initial|your|system|developer|the (?:previous|prior|above|earlier|original|system))`;
const DIRECTIVES = String.raw`(?:instructions?|prompts?|rules|guidelines|directives?|programming|constraints|guardrails|system messages?)`;

/** Attempts to override, reveal or escape the system instruction. Refused for every kind of input. */
export const INJECTION_RULES: GuardRule[] = [
  {
    name: "ignore_instructions",
    pattern: new RegExp(
      // Not "ignore the instructions on the packet" nor "forget the rules of baking": that is cooking.
      String.raw`\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon)\b(?:\W+\w+){0,3}?\W+${PRIOR}\b(?:\W+\w+){0,3}?\W+${DIRECTIVES}\b(?!\s+(?:on|from|in|of) (?:the|a|this|that|my) (?:package|packet|box|bag|label|jar|can|tin|recipe|oven|back))(?!\s+of (?!your\b|the (?:system|assistant|ai)\b)\w)`,
    ),
  },
  { name: "new_instructions", pattern: /\bnew (?:instructions|rules|system prompt|directives?)\s*:/ },
  {
    // "the original instructions said 180 °C" is about a recipe, so only prompts and system messages count.
    name: "reveal_prompt",
    pattern:
      /\b(?:system|hidden|developer|internal|initial|original|secret|pre-?)\s*prompts?\b|\b(?:system|developer|internal) (?:instructions?|messages?|directives?)\b/,
  },
  {
    name: "reveal_instructions",
    pattern:
      /\b(?:print|show|reveal|repeat|output|display|list|recite|dump|leak|tell me|what (?:are|were|is))\b(?:\W+\w+){0,3}?\W+your (?:instructions|prompt|rules|guidelines|configuration|directives|initial message)\b(?! (?:for|on|to|about) )/,
  },
  {
    // Not "repeat the step above": only the whole text before the user's.
    name: "repeat_above",
    pattern:
      /\b(?:repeat|print|output|echo|reproduce)\b (?:everything|all(?: of)?(?: the)? (?:text|words|content)|the (?:text|words|content|conversation)) (?:above|before this|so far|verbatim|from the (?:start|beginning))\b/,
  },
  {
    name: "you_are_now",
    pattern: /\byou(?: are|'re|r) now\b(?! (?:done|ready|finished|set)\b)/,
  },
  // Not "from now on, answer in grams": a preference, not a new identity.
  { name: "from_now_on", pattern: /\bfrom now on,? (?:you (?:are|will be|must be|have no|can do)|pretend|act as)\b/ },
  {
    name: "role_play_privileged",
    pattern:
      /\b(?:act|acting|behave|pretend|role-?play(?:ing)?|role play|respond|answer|speak|talk) (?:as|like|to be|that you(?: are|'re)|you(?: are|'re))(?: (?:a|an|the|my|if|you|were|are|now))* (?:system|developer|admin(?:istrator)?|root|operator|sudo|unfiltered|uncensored|unrestricted|jailbroken|an ai without)\b/,
  },
  { name: "privileged_mode", pattern: /\b(?:developer|dev|god|debug|admin|sudo|jailbreak|unrestricted|dan) mode\b/ },
  { name: "jailbreak", pattern: /\bjail-?break(?:s|ing|ed)?\b|\bdo anything now\b/ },
  {
    name: "dan",
    pattern:
      /\b(?:you are|you're|act as|become|pretend to be|enable|activate|roleplay as)\s+dan\b(?![\s-]*(?:dan|noodles?|mian|mein))/,
  },
  {
    name: "disable_safety",
    pattern:
      /\b(?:disable|turn off|switch off|bypass|remove|ignore|lift|without)\b(?:\W+\w+){0,2}?\W+(?:(?:safety|content|ai) (?:filters?|guidelines|rules|settings|polic(?:y|ies)|restrictions)|your (?:filters|guardrails|restrictions|safety)|guardrails|censorship)\b/,
  },
  {
    name: "role_delimiter",
    pattern:
      /<\s*\/?\s*(?:system|user|assistant|user_input|user-input|input|instructions?|developer|prompt|context|im_start|im_end|endoftext)\s*>|<\|[a-z_]+\|>|\[\/?(?:inst|system|sys)\]|<<\/?sys>>/,
  },
  { name: "role_header", pattern: /(?:^|\n)\s*(?:#{1,6}\s*)?(?:system|assistant|developer)\s*(?::|\n)/ },
];

/** Requests a cooking assistant must decline whatever food they mention. */
export const ALWAYS_OFF_TOPIC: GuardRule[] = [
  {
    name: "code",
    pattern:
      /\b(?:write|create|generate|give me|show me|fix|debug|refactor|implement|code)\b(?:\W+\w+){0,5}?\W+(?:code|script|program|regex|sql(?: query)?|html|css|javascript|typescript|python|c\+\+|golang|powershell|algorithm)\b/,
  },
  {
    name: "code",
    pattern: /```|\bdef \w+\(|\bfunction\s*\w*\s*\(|\b(?:const|let|var) \w+ ?=|\bimport \w+ from\b|#include\b|console\.log|\bselect \* from\b|\bdrop table\b|\brm -rf\b/,
  },
  {
    name: "writing",
    pattern:
      /\b(?:write|compose|draft|create|generate)\b(?:\W+\w+){0,3}?\W+(?:poem|story|song|lyrics|letter|e-?mail|cover letter|resume|cv|tweet|speech|novel|essay|article|blog post|limerick|haiku|rap)s?\b/,
  },
  { name: "homework", pattern: /\b(?:homework|essay|thesis|dissertation|term paper|exam answers?)\b/ },
  {
    name: "math",
    pattern: /\b(?:solve|integral|derivative|calculus|algebra|theorem|equation|differentiate|integrate) (?:for x|of|this|the equation|x)\b|\bsolve (?:for|\d)/,
  },
  {
    name: "medical",
    pattern:
      /\b(?:diagnos(?:e|is)|symptoms?|prescri(?:be|ption)|dosage|medications?|antibiotics?|painkillers?|ibuprofen|paracetamol|should i see a doctor|is it cancer|cure for|treatment for|mental health|depression|side effects of)\b/,
  },
  {
    name: "legal",
    pattern:
      /\b(?:legal advice|lawyer|attorney|lawsuit|(?:can|should) i sue|sue (?:my|the|him|her|them)|divorce|custody|visa application|immigration law|court case|is it legal to)\b/,
  },
  {
    name: "financial",
    pattern:
      /\b(?:financial advice|stock market|stocks to buy|buy (?:stocks|shares|crypto|bitcoin)|stock price|crypto(?:currency|currencies)?|bitcoin|ethereum|forex|mortgage|retirement savings|401k|tax (?:return|advice)|invest(?:ing|ment)? (?:in (?:stocks|shares|crypto|bitcoin|real estate)|advice|portfolio))\b/,
  },
  {
    name: "harmful",
    pattern:
      /\b(?:(?:make|build|assemble) an? (?:bomb|explosive|weapon|gun)|pipe bomb|explosives|methamphetamine|make meth|cook meth|cocaine|heroin|(?:how (?:to|do i|can i|could i)|ways to) poison|hack(?:ing)?\b(?:\W+\w+){0,4}?\W+(?:account|password|computer|server|network|wifi|e-?mail|website|database)s?|malware|ransomware|phishing)\b/,
  },
];

/** Off-topic unless the message is about food: "what should I cook for election night" is fine. */
export const OFF_TOPIC_WITHOUT_FOOD: GuardRule[] = [
  {
    name: "politics",
    pattern:
      /\b(?:election|president|prime minister|democrats?|republicans?|politics|political|politicians?|vote|voting|congress|parliament|senator|abortion|immigration)\b/,
  },
  {
    name: "general_knowledge",
    pattern:
      /\b(?:capital of|weather (?:forecast|today|tomorrow)|who won|sports? scores?|football|basketball|celebrity|translate (?:this|to|into)|meaning of life|tell me a joke|the news)\b/,
  },
  { name: "tech_support", pattern: /\b(?:my (?:computer|laptop|phone|iphone|printer|wifi)|windows update|install (?:windows|linux))\b/ },
];

/** Words that are never food: with none of FOOD_WORDS around, a dish or ingredient naming them is refused. */
export const NON_FOOD = /\b(?:iphone|android|laptop|computer|software|bitcoin|crypto|election|president|homework|gun|rifle|weapons?|drugs?|cocaine|heroin|meth|bleach|ammonia|antifreeze|detergent|gasoline|petrol|plastic|glass shards?|cement|poison)\b/;

/** Opening words of a question or a request: a dish or ingredient is a noun phrase, not a sentence. */
export const SENTENCE_START =
  /^(?:who|what|when|where|why|which|whose|how|is|are|was|were|can|could|should|would|will|do|does|did|please|tell|give|write|explain|show|list|help|translate|summari[sz]e|define|describe|ignore|i|you|my|your)\b/;
