import type { KeyboardEvent } from "react";

/**
 * Arrow-key movement inside a `role="tablist"` (WAI-ARIA tabs pattern): Left/Right/Home/End
 * focus and select another tab. Tabs carry `tabIndex` 0 when selected, -1 otherwise, so Tab
 * moves past the list in one step.
 */
export function onTablistKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const tabs = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]'));
  const current = tabs.findIndex((tab) => tab === document.activeElement);
  if (current < 0) return;
  let next: number;
  switch (event.key) {
    case "ArrowRight":
      next = (current + 1) % tabs.length;
      break;
    case "ArrowLeft":
      next = (current - 1 + tabs.length) % tabs.length;
      break;
    case "Home":
      next = 0;
      break;
    case "End":
      next = tabs.length - 1;
      break;
    default:
      return;
  }
  event.preventDefault();
  tabs[next]?.focus();
  tabs[next]?.click();
}

/** The roving tabIndex of a tab. */
export function tabIndexOf(selected: boolean): 0 | -1 {
  return selected ? 0 : -1;
}
