import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { SignInScreen } from "../auth/SignInScreen.js";
import { AccountScreen } from "../screens/account/AccountScreen.js";
import { ChatScreen } from "../screens/chat/ChatScreen.js";
import { GenerateScreen } from "../screens/generate/GenerateScreen.js";
import { ImportScreen } from "../screens/import/ImportScreen.js";
import { PantryScreen } from "../screens/pantry/PantryScreen.js";
import { PlanScreen } from "../screens/plan/PlanScreen.js";
import { SavedScreen } from "../screens/saved/SavedScreen.js";
import { ShoppingScreen } from "../screens/shopping/ShoppingScreen.js";
import { Header } from "./Header.js";
import { useRoute, type Route, type Screen } from "./navigation.js";
import { Tabs, panelId, tabId, type TabItem } from "./Tabs.js";

const TABS: TabItem[] = [
  { screen: "generate", label: "Generate" },
  { screen: "pantry", label: "What can I make" },
  { screen: "chat", label: "Chat" },
  { screen: "saved", label: "Saved" },
  { screen: "import", label: "Import" },
  { screen: "plan", label: "Plan" },
  { screen: "shopping", label: "Shopping" },
  { screen: "account", label: "Account" },
];

/**
 * The shell: header, the section tabs and one panel per section. A panel is mounted the first time its tab
 * is opened and then only hidden, so a recipe being written or a chat keeps going while you look elsewhere.
 */
export function App() {
  const [route, go] = useRoute();
  const lastSection = useRef<Route>({ screen: "generate" });
  const [visited, setVisited] = useState<Set<Screen>>(() => new Set([route.screen]));
  const active = route.screen === "signin" ? null : route.screen;

  useEffect(() => {
    if (route.screen !== "signin") lastSection.current = route;
    setVisited((seen) => (seen.has(route.screen) ? seen : new Set(seen).add(route.screen)));
  }, [route]);

  const panels: Record<Exclude<Screen, "signin">, ReactNode> = {
    generate: <GenerateScreen />,
    pantry: <PantryScreen />,
    chat: <ChatScreen />,
    saved: <SavedScreen id={route.screen === "saved" ? route.id : undefined} />,
    import: <ImportScreen />,
    plan: <PlanScreen />,
    shopping: <ShoppingScreen />,
    account: <AccountScreen />,
  };

  return (
    <>
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <Header />
      <nav className="nav" aria-label="Main">
        <Tabs items={TABS} active={active} onSelect={(screen) => go({ screen })} />
      </nav>
      <main id="main" tabIndex={-1}>
        {TABS.map(({ screen }) => (
          <section
            key={screen}
            id={panelId(screen)}
            role="tabpanel"
            aria-labelledby={tabId(screen)}
            hidden={screen !== active}
            className="panel"
          >
            {visited.has(screen) && panels[screen as keyof typeof panels]}
          </section>
        ))}
        {route.screen === "signin" && <SignInScreen onDone={() => go(lastSection.current)} />}
      </main>
      <footer className="footer">
        <p>Sous · recipes from Gemini or the offline catalogue · check quantities, temperatures and allergens</p>
      </footer>
    </>
  );
}

/** The skip link must not change the hash (that is the navigation); it moves focus instead. */
function focusMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}
