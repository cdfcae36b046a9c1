import { headers } from "next/headers";

/** The id lib/server/request-hook.ts gave the HTTP request being handled, or undefined outside one. */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    // Outside a request (a script, a migration): there is no id to give.
    return undefined;
  }
}
