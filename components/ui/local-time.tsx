"use client";

import { useSyncExternalStore } from "react";
import { utc } from "@/lib/time/utc";

const noSubscription = () => () => {};
// The reader's locale and time zone (undefined: the browser's own), the zone named.
const LOCAL = new Intl.DateTimeFormat(undefined, {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

/**
 * Every time a page shows: in the reader's own time zone, named ("Nov 26, 2026, 4:00 AM CST"),
 * with UTC on hover (the title). The server knows no reader's zone, so its markup, and the first
 * render in the browser, say the time in UTC; the local time is written once hydration is done
 * (no mismatch).
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const text = inBrowser ? LOCAL.format(new Date(iso)) : utc(iso);
  return (
    <time dateTime={iso} title={utc(iso)}>
      {text}
    </time>
  );
}
