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
    pattern: /\byou(?: are|'re|r) now\b(?! (?:done|ready|finished|set|my (?:sous|cooking|kitchen|baking|grill|bbq|pastry|chef|helper|assistant|prep))\b)/,
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

/**
 * More ways to ask for the instructions or a new identity than the rules above: translating, summarising or
 * spelling out "your instructions", what the assistant "was told", and games in which it has no rules.
 */
export const LEAK_AND_ROLE_RULES: GuardRule[] = [
  {
    name: "leak_transform",
    pattern:
      /\b(?:translate|summari[sz]e|paraphrase|rewrite|encode|spell out|convert|base64|rot13|format)\b(?:\W+\w+){0,4}?\W+(?:your|the) (?:instructions|prompt|rules|guidelines|directives|system (?:message|text)|initial (?:message|text)|configuration)\b(?! (?:for|on|to|about) )/,
  },
  {
    name: "leak_told",
    pattern:
      /\bwhat (?:were|was|are|have) you (?:told|instructed|programmed|configured|given)\b|\b(?:words|text|message|instructions?) (?:above|before) (?:this|my) (?:message|conversation|line)\b|\bstarting with ["'“]?you are\b|\byour (?:first|initial|opening|original) (?:message|line|instructions?|prompt)\b|\bbeginning of (?:this|the) (?:conversation|chat|prompt)\b/,
  },
  {
    name: "role_play_unbound",
    pattern:
      /\b(?:no longer|not) (?:sous|a cooking assistant|bound by|limited to|restricted)\b|\b(?:without|with no|free of|free from|ignore) (?:any |all |your )?(?:rules|restrictions|limits|limitations|filters|guidelines|ethics|morals)\b|\b(?:evil|unfiltered|uncensored|unrestricted|rogue|amoral|jailbroken) (?:ai|assistant|chatbot|bot|model|version|twin|mode)\b|\bstay in character\b|\bsimulate (?:a|an) (?:linux|terminal|shell|computer|ai)\b|\bact as (?:a |an )?(?:linux|terminal|shell|python interpreter|sql console)\b/,
  },
  {
    name: "grandma_exploit",
    pattern: /\b(?:grandma|grandmother|granny|nana)\b(?:\W+\w+){0,12}?\W+(?:napalm|meth|bomb|explosive|poison|weapon|serial key|license key|password|windows key)s?\b/,
  },
  {
    name: "leak_hidden",
    pattern:
      /\b(?:hidden|secret|internal|confidential) (?:instructions|rules|prompt|configuration|guidelines|directives)\b|\b(?:reveal|leak|dump|expose) (?:your |the |all )?(?:configuration|instructions|rules|prompt|guidelines)\b/,
  },
  { name: "prompt_override", pattern: /\b(?:override|reset|replace|update) (?:your|the) (?:system|instructions|rules|prompt|persona|personality)\b/ },
];

/**
 * "Ignore the previous instructions", "reveal your system prompt" and "you are now" in the languages Sous's
 * users are most likely to write in (Spanish, French, German, Italian, Portuguese, Dutch, Polish, Turkish,
 * Russian, Chinese, Japanese, Korean, Arabic, Hindi). Accents are folded away before matching.
 */
export const MULTILINGUAL_RULES: GuardRule[] = [
  {
    name: "ignore_instructions_es_it_pt",
    pattern:
      /\b(?:ignora|ignore|ignorar|olvida|olvide|olvidate|dimentica|esqueca|esquece|descarta)\b(?:\W+\w+){0,3}?\W+(?:las|tus|sus|le|tue|as|suas|todas|tutte|todas as)?\s*(?:instrucciones|instrucoes|istruzioni|reglas|regole|regras|indicaciones)\b/,
  },
  {
    name: "ignore_instructions_fr",
    pattern: /\b(?:ignore|ignorez|oublie|oubliez)\b(?:\W+\w+){0,2}?\W+(?:les|tes|vos|toutes les) (?:instructions|consignes|regles|directives)\b/,
  },
  {
    name: "ignore_instructions_de_nl",
    pattern:
      /\b(?:ignoriere|ignorier|vergiss|vergessen sie|missachte|negeer|vergeet)\b(?:\W+\w+){0,3}?\W+(?:anweisungen|anweisung|regeln|vorgaben|instructies|regels)\b/,
  },
  {
    name: "ignore_instructions_pl_tr",
    pattern: /\b(?:zignoruj|ignoruj|zapomnij)\b(?:\W+\w+){0,3}?\W+(?:instrukcje|polecenia|zasady)\b|\b(?:onceki|tum) (?:talimatlar[iı]|kurallar[iı])(?:\W+\w+){0,2}?\W+(?:yok say|unut|gormezden gel)/,
  },
  {
    name: "ignore_instructions_ru",
    pattern: /(?:игнориру[йи]|игнорировать|забудь|забыть|проигнориру[йи])(?:\s+\S+){0,3}?\s+(?:инструкции|указания|правила)/,
  },
  {
    name: "ignore_instructions_cjk",
    pattern: /(?:忽略|忽视|无视|忘记|忘掉|無視|忘れ)[^。！？\n]{0,12}(?:指令|指示|说明|規則|规则|提示|命令|ルール)|(?:指示|命令|ルール)[^。\n]{0,6}(?:を)?(?:無視|忘れ)|(?:이전|모든)[^.\n]{0,10}(?:지시|명령|규칙)[^.\n]{0,6}(?:무시|잊어)/,
  },
  {
    name: "ignore_instructions_ar_hi",
    pattern: /(?:تجاهل|انس)[^.\n]{0,20}(?:التعليمات|الأوامر|القواعد)|(?:पिछले|सभी)[^।\n]{0,20}(?:निर्देशों|निर्देश)[^।\n]{0,10}(?:अनदेखा|भूल)/,
  },
  {
    name: "reveal_prompt_multilingual",
    pattern:
      /\b(?:prompt (?:del|de) sistema|prompt do sistema|invite (?:du )?systeme|systemprompt|system-prompt|systeemprompt|prompt systemowy|sistem istemi)\b|системн\S* (?:промпт|подсказк|инструкц)|系统提示|系統提示|システムプロンプト|시스템 프롬프트|موجه النظام/,
  },
  {
    name: "reveal_instructions_multilingual",
    pattern:
      /\b(?:muestra|muestrame|revela|dime|montre|montre-moi|revele|zeig|zeige|verrate|mostra|mostrami|rivela|mostre|revele|toon|pokaz)\b(?:\W+\w+){0,3}?\W+(?:tus|tes|vos|deine|ihre|le tue|tue|suas|je|swoje) (?:instrucciones|instructions|consignes|anweisungen|istruzioni|instrucoes|instructies|instrukcje)\b|(?:покажи|раскрой)(?:\s+\S+){0,2}?\s+(?:свои|твои)\s+(?:инструкции|правила)/,
  },
  {
    name: "you_are_now_multilingual",
    pattern: /\b(?:ahora eres|a partir de ahora eres|tu es maintenant|desormais tu es|du bist jetzt|ab jetzt bist du|ora sei|adesso sei|agora voce e|voce agora e|je bent nu)\b|теперь ты|你现在是|从现在开始你是|あなたは今から|今からあなたは|너는 이제/,
  },
];

/**
 * Dangerous chemistry dressed as cooking: making, extracting or "cooking" drugs, explosives, poisons and toxic
 * gases. Asking whether something is safe to eat ("are apple seeds poisonous?") is food safety and passes; asking
 * how to make or concentrate the poison does not.
 */
const MAKE = String.raw`(?:make|making|made|produce|producing|prepare|preparing|extract|extracting|isolate|synthesi[sz]e|synthesi[sz]ing|cook|cooking|brew|brewing|distill|distilling|concentrate|purify|refine|weaponi[sz]e|recipe for|recipe to make|recipes? of|ingredients for|homemade|home-made|diy|grow|culture|cultivate)`;
const DANGEROUS_THINGS = String.raw`(?:napalm|thermite|nitroglycerine?|tnt|c-?4|semtex|black powder|pipe bombs?|molotov cocktails?|explosives?|ricin|abrin|sarin|vx|mustard gas|chlorine gas|phosgene|tear gas|cyanide|arsenic|strychnine|botulinum(?: toxin)?|botulism toxin|anthrax|tetrodotoxin|methanol(?= (?:to|for) (?:make|blind|poison|kill))|meth(?:amphetamine)?|crystal meth|crack cocaine|cocaine|heroin|fentanyl|lsd|dmt|mdma|ghb|ketamine|opium|morphine|poisons?(?! (?:cakes?|apples?|cupcakes?|punch|cocktails?)\b)|toxins?|nerve (?:agents?|gas))`;

export const DANGEROUS_RULES: GuardRule[] = [
  {
    name: "dangerous_make",
    pattern: new RegExp(String.raw`\b${MAKE}\b(?:\W+\w+){0,4}?\W+${DANGEROUS_THINGS}\b|\b${DANGEROUS_THINGS}\b(?:\W+\w+){0,2}?\W+(?:recipe|at home|in (?:my|the|a) kitchen|from scratch|step by step)\b`),
  },
  { name: "dangerous_drugs", pattern: /\b(?:cook(?:ing)? (?:up )?(?:some )?(?:meth|crack|crystal)|meth lab|breaking bad recipe|crystal meth|methamphetamine|shake and bake meth)\b/ },
  {
    name: "toxic_mix",
    pattern: /\b(?:make|making|produce) (?:a |some )?(?:toxic|poisonous|deadly) (?:gas|fumes|smoke)\b/,
  },
  {
    name: "harm_person",
    pattern:
      /\b(?:kill|poison|hurt|harm|sicken|drug|sedate|knock out)\b (?:someone|somebody|a person|people|my (?:husband|wife|boss|neighbou?r|partner|roommate|teacher|family|ex|dad|mom|mother|father|brother|sister|kid|child)|him|her|them|a guest|guests|a child|a kid)\b(?! (?:by accident|accidentally))|\bundetectable (?:poison|toxin)\b|\bwithout (?:them|him|her|anyone) (?:knowing|noticing|tasting)\b/,
  },
];

/**
 * For readings with the spaces gone ("i g n o r e a l l …" joined, words run together): the core of the
 * commonest attacks as letter runs. Only for disguised readings, never the text as written.
 */
export const COMPACT_ATTACK =
  /ignore(?:all)?(?:the)?(?:previous|prior|above|earlier)|(?:ignore|disregard|forget|bypass)(?:all)?(?:your|the)?(?:instructions|rules|guidelines|filters|safetyfilters)|disregardyour|systemprompt|(?:reveal|print|show|leak)(?:me)?(?:your|the)(?:hidden|secret|system)?(?:instructions|prompt|rules)|youarenow(?:dan|an?ai|unfiltered|free)|developermode|godmode|jailbreak|doanythingnow|whatwereyoutold/;
