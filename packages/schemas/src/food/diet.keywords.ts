/**
 * Keyword tables of the diet and allergen check. Each table lists ingredient words (singular; plurals match
 * too), phrases that look like a keyword but are not one ("peanut butter" is not dairy, "corn tortilla" has no
 * gluten), and "free-from" markers that clear the whole ingredient ("vegan butter", "gluten-free pasta").
 * Words are compared after normalisation: lower case, accents and apostrophes dropped, punctuation as spaces.
 *
 * The tables err on the side of the person with the allergy: when an ingredient usually contains something
 * (Thai curry pastes contain shrimp paste, Worcestershire sauce contains anchovies, oyster sauce and gochujang
 * contain wheat), it counts. Parmesan is treated as vegetarian, as most recipe sites do.
 */
import type { Allergen, Diet } from "../enums.js";

export interface KeywordTable {
  /** Shown in violations: "contains butter (milk)". */
  label: string;
  words: string[];
  except?: string[];
  freeFrom?: string[];
}

const VEGAN_MARKERS = ["vegan", "vegetarian", "veggie", "plant based", "meat free", "meatless"];
const plantVersions = (...products: string[]) =>
  ["coconut", "almond", "oat", "soy", "soya", "rice", "cashew", "hemp", "pea", "macadamia", "hazelnut"].flatMap(
    (plant) => products.map((product) => `${plant} ${product}`),
  );
const THAI_CURRY_PASTES = ["green", "red", "yellow", "massaman", "panang", "penang", "jungle"].map(
  (colour) => `${colour} curry paste`,
);

export const TABLES = {
  meat: {
    label: "meat",
    words: [
      "beef", "veal", "lamb", "mutton", "goat", "venison", "rabbit", "hare", "boar", "bison", "meat", "steak",
      "mince", "brisket", "oxtail", "liver", "kidney", "tripe", "offal", "sweetbread", "sausage", "meatball",
      "burger", "pastrami", "corned beef", "jerky", "biltong", "hot dog", "frankfurter", "bratwurst", "kielbasa",
      "andouille", "merguez", "black pudding", "blood sausage", "haggis", "bone marrow", "ribeye", "sirloin",
    ],
    except: [
      "goat cheese", "goats cheese", "goat milk", "goats milk", "goat yogurt", "kidney bean", "burger bun",
      "cauliflower steak", "tuna steak", "salmon steak", "swordfish steak", "mushroom steak", "soy mince",
    ],
    freeFrom: [...VEGAN_MARKERS, "quorn", "textured vegetable protein"],
  },
  pork: {
    label: "pork",
    words: [
      "pork", "bacon", "ham", "pancetta", "prosciutto", "guanciale", "lardon", "chorizo", "salami", "pepperoni",
      "speck", "mortadella", "char siu", "nduja", "jamon", "serrano", "lard", "crackling", "chicharron",
      "andouille", "boar",
    ],
    except: ["turkey", "beef", "chicken", "soy"].flatMap((base) =>
      ["bacon", "ham", "salami", "pepperoni", "chorizo"].map((product) => `${base} ${product}`),
    ),
    freeFrom: [...VEGAN_MARKERS, "halal"],
  },
  poultry: {
    label: "poultry",
    words: [
      "chicken", "turkey", "duck", "goose", "quail", "pheasant", "guinea fowl", "poussin", "capon", "partridge",
      "pigeon", "squab", "foie gras",
    ],
    except: ["duck egg", "quail egg", "goose egg", "chicken of the woods"],
    freeFrom: [...VEGAN_MARKERS, "quorn"],
  },
  fish: {
    label: "fish",
    words: [
      "fish", "anchovy", "salmon", "tuna", "cod", "haddock", "hake", "halibut", "trout", "sardine", "mackerel",
      "tilapia", "sea bass", "seabass", "bass", "snapper", "swordfish", "sole", "plaice", "pollock", "herring",
      "eel", "carp", "catfish", "monkfish", "bream", "pike", "perch", "kipper", "lox", "whitebait", "sprat",
      "turbot", "mahi mahi", "barramundi", "bonito", "katsuobushi", "dashi", "nam pla", "worcestershire",
      "caviar", "roe", "taramasalata", "surimi", "caesar dressing", "kimchi",
    ],
    except: ["kombu dashi", "shiitake dashi"],
    freeFrom: [...VEGAN_MARKERS, "fish free"],
  },
  crustaceans: {
    label: "crustaceans",
    words: [
      "shrimp", "prawn", "crab", "lobster", "crayfish", "crawfish", "langoustine", "scampi", "krill", "belacan",
      "bagoong", "kimchi", ...THAI_CURRY_PASTES,
    ],
    except: ["crab apple"],
    freeFrom: [...VEGAN_MARKERS],
  },
  molluscs: {
    label: "molluscs",
    words: [
      "mussel", "clam", "oyster", "scallop", "squid", "calamari", "octopus", "cuttlefish", "snail", "escargot",
      "whelk", "cockle", "abalone", "conch", "periwinkle",
    ],
    except: ["oyster mushroom", "mushroom oyster sauce"],
    freeFrom: [...VEGAN_MARKERS],
  },
  animalDerived: {
    label: "animal product",
    words: [
      "gelatin", "gelatine", "lard", "suet", "dripping", "tallow", "schmaltz", "rennet", "bone", "isinglass",
      "carmine", "cochineal", "animal fat", "duck fat", "goose fat", "chicken fat", "pork fat", "beef fat",
      "blood",
    ],
    except: ["blood orange"],
    freeFrom: [...VEGAN_MARKERS, "agar"],
  },
  /** What both halal and kashrut forbid of otherwise permitted animals. */
  gelatinAndBlood: {
    label: "gelatin, lard or blood",
    words: ["gelatin", "gelatine", "lard", "pork fat", "blood", "black pudding", "blood sausage"],
    except: ["blood orange"],
    freeFrom: [...VEGAN_MARKERS, "agar", "fish gelatin", "halal", "kosher"],
  },
  stock: {
    label: "meat stock",
    words: ["stock", "broth", "bouillon", "consomme", "demi glace", "gravy"],
    freeFrom: [
      ...VEGAN_MARKERS, "vegetable", "veg", "mushroom", "kombu", "seaweed", "fish", "shrimp", "prawn", "seafood",
      "dashi", "lobster", "crab", "clam",
    ],
  },
  milk: {
    label: "milk",
    words: [
      "milk", "butter", "cream", "cheese", "yogurt", "yoghurt", "ghee", "buttermilk", "kefir", "whey", "casein",
      "lactose", "custard", "creme fraiche", "labneh", "skyr", "quark", "curd", "paneer", "ice cream", "gelato",
      "half and half", "raita", "tzatziki", "bechamel", "mascarpone", "ricotta", "mozzarella", "burrata",
      "parmesan", "parmigiano", "pecorino", "grana padano", "cheddar", "gruyere", "emmental", "emmentaler",
      "comte", "brie", "camembert", "gouda", "edam", "halloumi", "feta", "gorgonzola", "roquefort", "stilton",
      "manchego", "provolone", "fontina", "taleggio", "asiago", "monterey jack", "colby", "queso", "cotija",
      "kefalotyri", "white chocolate", "milk chocolate", "dulce de leche",
    ],
    except: [
      ...plantVersions("milk", "cream", "yogurt", "yoghurt", "cheese", "butter"),
      "peanut butter", "nut butter", "seed butter", "sunflower butter", "cocoa butter", "shea butter",
      "apple butter", "butter bean", "butter lettuce", "cream of tartar", "bean curd", "salad cream",
    ],
    freeFrom: ["vegan", "dairy free", "non dairy", "plant based"],
  },
  eggs: {
    label: "eggs",
    words: [
      "egg", "mayonnaise", "mayo", "aioli", "meringue", "hollandaise", "bearnaise", "ladyfinger", "savoiardi",
      "custard", "egg noodle",
    ],
    freeFrom: ["vegan", "egg free", "eggless", "flax egg", "chia egg", "egg replacer"],
  },
  honey: {
    label: "honey",
    words: ["honey", "honeycomb", "royal jelly", "bee pollen", "beeswax"],
    freeFrom: ["vegan"],
  },
  gluten: {
    label: "gluten",
    words: [
      "wheat", "flour", "bread", "breadcrumb", "panko", "pasta", "spaghetti", "linguine", "fettuccine",
      "tagliatelle", "pappardelle", "penne", "rigatoni", "fusilli", "farfalle", "macaroni", "orzo", "ditalini",
      "lasagna", "lasagne", "ravioli", "tortellini", "cannelloni", "gnocchi", "noodle", "udon", "ramen",
      "lo mein", "chow mein", "soba", "semolina", "durum", "spelt", "farro", "kamut", "einkorn", "emmer",
      "freekeh", "barley", "rye", "malt", "couscous", "bulgur", "bulghur", "seitan", "soy sauce", "shoyu",
      "kecap manis", "teriyaki", "hoisin", "oyster sauce", "doubanjiang", "gochujang", "shaoxing", "beer", "ale",
      "lager", "stout", "cracker", "crouton", "cake", "biscuit", "cookie", "pastry", "filo", "phyllo",
      "shortcrust", "pie crust", "dough", "tortilla", "pita", "pitta", "naan", "chapati", "roti", "paratha",
      "bun", "bagel", "brioche", "croissant", "baguette", "ciabatta", "focaccia", "sourdough", "muffin",
      "wrapper", "matzo", "matzah", "ladyfinger", "savoiardi", "roux", "oat", "oatmeal",
    ],
    except: [
      ...[
        "rice", "brown rice", "glutinous rice", "sweet rice", "corn", "maize", "chickpea", "gram", "besan",
        "almond", "coconut", "tapioca", "potato", "buckwheat", "cassava", "sorghum", "teff", "millet", "quinoa",
        "amaranth", "arrowroot", "banana", "chestnut", "lentil", "soy", "masa",
      ].map((base) => `${base} flour`),
      ...["rice", "glass", "cellophane", "mung bean", "sweet potato", "sweet potato starch", "shirataki",
        "kelp", "zucchini", "vegetable", "konjac", "bean thread", "rice stick"].map((base) => `${base} noodle`),
      ...["rice", "chickpea", "lentil", "corn", "quinoa"].map((base) => `${base} pasta`),
      "corn tortilla", "rice paper", "rice paper wrapper", "ginger ale", "rice cake", "rice cracker",
      "coconut aminos",
    ],
    freeFrom: ["gluten free", "gf"],
  },
  peanuts: {
    label: "peanuts",
    words: ["peanut", "groundnut", "monkey nut", "satay sauce", "arachis oil"],
    freeFrom: ["peanut free", "nut free"],
  },
  treeNuts: {
    label: "tree nuts",
    words: [
      "nut", "almond", "walnut", "pecan", "cashew", "pistachio", "hazelnut", "filbert", "macadamia",
      "brazil nut", "pine nut", "pignoli", "chestnut", "praline", "marzipan", "frangipane", "nougat",
      "gianduja", "nutella", "amaretto", "amaretti", "pesto",
    ],
    except: ["water chestnut", "tiger nut", "chestnut mushroom"],
    freeFrom: ["nut free", "tree nut free"],
  },
  soy: {
    label: "soy",
    words: [
      "soy", "soya", "soybean", "soy bean", "tamari", "tofu", "tempeh", "edamame", "miso", "natto", "bean curd",
      "yuba", "tvp", "textured vegetable protein", "shoyu", "kecap manis", "gochujang", "fermented black bean",
      "douchi", "black bean sauce", "hoisin", "teriyaki", "ponzu", "doenjang", "yellow bean sauce",
    ],
    freeFrom: ["soy free", "soya free"],
  },
  celery: { label: "celery", words: ["celery", "celeriac"] },
  mustard: { label: "mustard", words: ["mustard", "dijon"] },
  sesame: {
    label: "sesame",
    words: ["sesame", "tahini", "tahina", "gomasio", "halva", "halvah", "zaatar", "za atar", "furikake", "hummus"],
    freeFrom: ["sesame free"],
  },
  sulphites: {
    label: "sulphites",
    words: [
      "wine", "sherry", "vermouth", "marsala", "madeira", "champagne", "prosecco", "shaoxing", "dried apricot",
      "sulphite", "sulfite", "metabisulphite", "metabisulfite", "balsamic",
    ],
  },
  lupin: { label: "lupin", words: ["lupin", "lupine", "lupini"] },
  alcohol: {
    label: "alcohol",
    words: [
      "wine", "beer", "ale", "lager", "stout", "cider", "rum", "vodka", "gin", "whisky", "whiskey", "bourbon",
      "brandy", "cognac", "tequila", "mezcal", "sake", "mirin", "sherry", "vermouth", "marsala", "madeira",
      "port wine", "liqueur", "amaretto", "kahlua", "grand marnier", "cointreau", "triple sec", "kirsch",
      "schnapps", "calvados", "shaoxing", "soju", "prosecco", "champagne",
    ],
    // Vinegar made from wine or cider is permitted by most halal authorities.
    except: ["wine vinegar", "sherry vinegar", "cider vinegar", "apple cider", "beer vinegar", "ginger ale"],
    freeFrom: ["non alcoholic", "alcohol free"],
  },
  /** Fish without fins and scales, which kashrut forbids. */
  nonKosherFish: {
    label: "non-kosher fish",
    words: ["catfish", "eel", "monkfish", "shark", "sturgeon", "skate", "caviar"],
  },
  /** Staples too rich in carbohydrate for keto or low-carb; used only when a recipe has no nutrition facts. */
  highCarb: {
    label: "high-carb",
    words: [
      "sugar", "honey", "syrup", "flour", "bread", "pasta", "spaghetti", "noodle", "rice", "potato", "oat",
      "couscous", "quinoa", "tortilla", "lentil", "chickpea", "banana",
    ],
    except: [
      "cauliflower rice", "almond flour", "coconut flour", "zucchini noodle", "shirataki noodle", "rice vinegar",
      "rice wine", "sugar snap",
    ],
    freeFrom: ["sugar free", "keto", "low carb"],
  },
} satisfies Record<string, KeywordTable>;

export type TableName = keyof typeof TABLES;

/** What each diet forbids. Keto and low-carb are judged on carbohydrate (see CARB_LIMITS) instead. */
export const DIET_TABLES: Record<Exclude<Diet, "keto" | "low-carb">, TableName[]> = {
  vegetarian: ["meat", "pork", "poultry", "fish", "crustaceans", "molluscs", "animalDerived", "stock"],
  vegan: [
    "meat", "pork", "poultry", "fish", "crustaceans", "molluscs", "animalDerived", "stock", "milk", "eggs", "honey",
  ],
  pescatarian: ["meat", "pork", "poultry", "animalDerived", "stock"],
  "gluten-free": ["gluten"],
  "dairy-free": ["milk"],
  "nut-free": ["peanuts", "treeNuts"],
  halal: ["pork", "alcohol", "gelatinAndBlood"],
  kosher: ["pork", "crustaceans", "molluscs", "nonKosherFish", "gelatinAndBlood"],
};

/** Declared allergens a diet cannot have, whatever the ingredient names say. */
export const DIET_FORBIDDEN_ALLERGENS: Partial<Record<Diet, Allergen[]>> = {
  vegetarian: ["fish", "crustaceans", "molluscs"],
  vegan: ["fish", "crustaceans", "molluscs", "milk", "eggs"],
  "gluten-free": ["gluten"],
  "dairy-free": ["milk"],
  "nut-free": ["peanuts", "tree-nuts"],
  kosher: ["crustaceans", "molluscs"],
};

/** Carbohydrate per serving, in grams, above which a recipe is not keto or low-carb. */
export const CARB_LIMITS = { keto: 10, "low-carb": 30 } as const;

export const ALLERGEN_TABLES: Record<Allergen, TableName[]> = {
  gluten: ["gluten"],
  crustaceans: ["crustaceans"],
  eggs: ["eggs"],
  fish: ["fish"],
  peanuts: ["peanuts"],
  soy: ["soy"],
  milk: ["milk"],
  "tree-nuts": ["treeNuts"],
  celery: ["celery"],
  mustard: ["mustard"],
  sesame: ["sesame"],
  sulphites: ["sulphites"],
  lupin: ["lupin"],
  molluscs: ["molluscs"],
};
