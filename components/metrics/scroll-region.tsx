import type { ReactNode } from "react";

/**
 * A wide table scrolls inside itself on a narrow screen instead of the page scrolling sideways;
 * focusable, so the keyboard can scroll it too.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="min-w-0 overflow-x-auto">
      {children}
    </div>
  );
}
