import "server-only";
import { randomInt } from "node:crypto";

/**
 * A request's reference, "R-<year>-<six random digits>": nothing in it counts requests, so it
 * tells no one how many there are. Unique by the table's constraint: a clash draws again.
 */
export function randomReference(year: number): string {
  return `R-${year}-${String(randomInt(0, 1_000_000)).padStart(6, "0")}`;
}

/** An approval's authorization number, "PA-<year>-<eight random digits>", drawn the same way. */
export function randomAuthorizationNumber(year: number): string {
  return `PA-${year}-${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
}
