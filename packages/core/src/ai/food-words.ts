/**
 * Words that make a text plausibly about food: ingredients, dishes, courses, cooking verbs, equipment and
 * kitchen talk. Not a dictionary: the prompt guard accepts short dish names it does not know ("bibimbap",
 * "khao soi"); this list decides for longer text and for text that also names something off-topic.
 */
const WORDS = `
recipe recipes cook cooking cooked bake baking baked roast roasted grill grilled fry fried deep-fried saute
sauteed braise braised stew simmer boil boiled poach poached steam steamed smoke smoked broil marinate
marinade knead ferment pickle pickled cured brine chop dice mince slice whisk seasoning meal meals dinner
lunch breakfast brunch supper snack snacks dessert desserts appetizer dish dishes menu cuisine food foods eat
eating edible kitchen oven stove stovetop hob pan skillet wok grill griddle air-fryer airfryer fryer microwave
blender knife knives thermometer mold mould sous-vide cooker slow-cooker crockpot freezer fridge refrigerator
pantry grocery groceries shopping leftovers leftover portion portions serving servings calorie calories
protein carbs carb carbohydrate fat fats fiber fibre sugar sodium vitamin nutrition nutritional nutrient
nutrients diet vegan vegetarian pescatarian keto paleo gluten dairy lactose halal kosher allergy allergen
allergic substitute substitution swap ingredient ingredients flavor flavour taste spicy sweet sour salty
savory savoury umami crispy tender juicy doneness temperature chicken beef pork lamb mutton goat veal turkey
duck goose venison rabbit bacon ham sausage sausages salami pepperoni prosciutto chorizo mince steak steaks
ribs brisket meatball meatballs burger burgers patty meat meats fish salmon tuna cod haddock halibut trout
sardine sardines anchovy anchovies mackerel tilapia seabass shrimp prawn prawns crab lobster mussel mussels
clam clams oyster oysters scallop scallops squid calamari octopus seafood egg eggs omelette omelet frittata
quiche tofu tempeh seitan beans bean lentil lentils chickpea chickpeas hummus falafel edamame peas pea milk
cream butter cheese cheddar mozzarella parmesan feta ricotta yogurt yoghurt ghee buttermilk custard rice
risotto pasta spaghetti noodle noodles ramen udon soba lasagna lasagne macaroni penne fettuccine ravioli
gnocchi couscous quinoa bulgur barley oats oatmeal porridge polenta grits flour bread loaf sourdough baguette
toast bagel bun buns tortilla tortillas taco tacos burrito burritos quesadilla enchilada enchiladas nachos
pizza pie pies tart tarts pastry pastries dough crust cake cakes cupcake cupcakes cookie cookies biscuit
biscuits brownie brownies muffin muffins pancake pancakes waffle waffles crepe crepes scone scones donut
doughnut pudding mousse icecream gelato sorbet chocolate cocoa vanilla caramel honey syrup jam jelly marmalade
dumpling dumplings gyoza wonton wontons bao sushi sashimi curry curries soup soups stew stews chili chilli
broth stock salad salads sandwich sandwiches wrap wraps sauce sauces gravy dressing vinaigrette dip salsa
guacamole pesto mayo mayonnaise ketchup mustard relish chutney kimchi sauerkraut stir-fry stirfry casserole
gratin roast kebab kebabs skewer skewers satay pilaf paella biryani dal dhal tagine shakshuka goulash chowder
bisque gazpacho minestrone pho laksa vegetable vegetables veg veggie veggies potato potatoes tomato tomatoes
onion onions garlic shallot shallots scallion scallions leek leeks carrot carrots celery pepper peppers
capsicum chili chilies chillies jalapeno cucumber zucchini courgette eggplant aubergine squash pumpkin spinach
kale lettuce cabbage broccoli cauliflower asparagus artichoke mushroom mushrooms corn sweetcorn okra beet
beetroot radish turnip parsnip yam celeriac fennel avocado olive olives herbs herb basil parsley cilantro
coriander mint dill thyme rosemary sage oregano tarragon chives bay ginger turmeric cumin paprika cinnamon
nutmeg clove cloves cardamom saffron vanilla salt spice spices masala fruit fruits apple apples banana bananas
orange oranges lemon lemons lime limes grapefruit berry berries strawberry strawberries blueberry blueberries
raspberry raspberries cherry cherries grape grapes peach peaches pear pears plum plums apricot apricots mango
mangoes pineapple papaya melon watermelon kiwi coconut fig figs raisin raisins cranberry cranberries
pomegranate rhubarb nut nuts almond almonds walnut walnuts pecan pecans cashew cashews pistachio pistachios
hazelnut hazelnuts peanut peanuts seed seeds sesame tahini chia flax sunflower oil olive-oil vinegar soy miso
gochujang sriracha harissa wine beer cider sake coffee tea juice smoothie cocktail drink drinks beverage
lemonade yeast baking-powder gelatin
`;

export const FOOD_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/** True when any word of `folded` (lower-cased text), or its singular, is a food word. */
export function mentionsFood(folded: string): boolean {
  for (const word of folded.match(/[\p{L}-]+/gu) ?? []) {
    if (FOOD_WORDS.has(word) || FOOD_WORDS.has(word.replace(/e?s$/, ""))) return true;
  }
  return false;
}
