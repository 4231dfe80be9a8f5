/**
 * Hash navigation without a router dependency: `#/generate`, `#/pantry`, `#/chat`, `#/saved`,
 * `#/saved/<id>`, `#/import`, `#/shopping`, `#/plan`, `#/account`, `#/signin`. The hash keeps reloads, the back button and shared links working on any
 * static host, and the server's SPA fallback is not even needed.
 */
import { useCallback, useSyncExternalStore } from "react";

export type Route =
  | { screen: "generate" }
  | { screen: "pantry" }
  | { screen: "chat" }
  | { screen: "saved"; id?: string }
  | { screen: "import" }
  | { screen: "shopping" }
  | { screen: "plan" }
  | { screen: "account" }
  | { screen: "signin" };

export type Screen = Route["screen"];

export function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, "").split("/");
  switch (screen) {
    case "pantry":
    case "chat":
    case "import":
    case "shopping":
    case "plan":
    case "account":
    case "signin":
      return { screen };
    case "saved":
      return id ? { screen, id: decodeURIComponent(id) } : { screen };
    default:
      return { screen: "generate" };
  }
}

export function routeHref(route: Route): string {
  return route.screen === "saved" && route.id ? `#/saved/${encodeURIComponent(route.id)}` : `#/${route.screen}`;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

/** The current route; re-renders on every hash change. */
export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return [parseRoute(hash), useCallback(navigate, [])];
}
