import "server-only";
import { appContext } from "@/lib/server/app-context";
import { startNotifying } from "./worker";

/** Starts this process's outbox worker on the app's database (opened, and migrated, at its first pass). */
export function startNotifyingWithTheApp() {
  startNotifying(async () => (await appContext()).db);
}
