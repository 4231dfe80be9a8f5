import { useRef, type KeyboardEvent } from "react";
import type { Screen } from "./navigation.js";

export interface TabItem {
  screen: Screen;
  label: string;
}

export const tabId = (screen: Screen) => `tab-${screen}`;
export const panelId = (screen: Screen) => `panel-${screen}`;

/**
 * The sections as an ARIA tablist: one tab stop, arrow keys (and Home/End) move between tabs and select
 * them, as the WAI-ARIA tabs pattern with automatic activation describes.
 */
interface TabsProps {
  items: TabItem[];
  active: Screen | null;
  onSelect(screen: Screen): void;
}

export function Tabs({ items, active, onSelect }: TabsProps) {
  const refs = useRef(new Map<Screen, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((item) => item.screen === active);
    const last = items.length - 1;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = items[(next + items.length) % items.length];
    if (!target) return;
    onSelect(target.screen);
    refs.current.get(target.screen)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label="Sections" onKeyDown={onKeyDown}>
      {items.map((item, index) => {
        const selected = item.screen === active;
        return (
          <button
            key={item.screen}
            ref={(element) => {
              if (element) refs.current.set(item.screen, element);
              else refs.current.delete(item.screen);
            }}
            id={tabId(item.screen)}
            type="button"
            role="tab"
            className="tab"
            aria-selected={selected}
            aria-controls={panelId(item.screen)}
            // With nothing selected (the sign-in view) the first tab keeps the tab stop.
            tabIndex={selected || (active === null && index === 0) ? 0 : -1}
            onClick={() => onSelect(item.screen)}
          >
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
