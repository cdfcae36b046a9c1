"use client";

import { useSyncExternalStore } from "react";
import { utc } from "@/lib/requests/labels";

const noSubscription = () => () => {};

/**
 * A time in the reader's own time zone, with UTC on hover (the title) and in the markup the
 * server sends; the browser writes the local time once it runs.
 */
export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const text = inBrowser
    ? new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium",
        timeStyle: "short",
      }).format(new Date(iso))
    : utc(iso);
  return (
    <time dateTime={iso} title={utc(iso)}>
      {text}
    </time>
  );
}
