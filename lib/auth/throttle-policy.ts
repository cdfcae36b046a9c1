// Pure: the sign-in throttle's rules, applied by lib/auth/sign-in-attempts.ts inside the
// transaction that reserves an attempt, and table-tested on their own.

export type AttemptOutcome = "pending" | "failure" | "success" | "throttled";

export interface AttemptRow {
  at: string;
  address: string;
  outcome: AttemptOutcome;
  /** The device id of the signed cookie the attempt carried, if any (lib/auth/device-cookie.ts). */
  device?: string | null;
}

export const THROTTLE = {
  /** One account from one address: a limit. Reset by a success from that address. */
  pair: { windowMinutes: 15, maxFailures: 5 },
  /**
   * One account from every address: the first failures are free, then each check waits
   * 1, 2, 4 … seconds after the latest failure, at most maxDelaySeconds. Never a lock.
   */
  account: { windowMinutes: 60, freeFailures: 10, maxDelaySeconds: 60 },
  /** An address a user signed in from recently is known, and not held up by the account's delay. */
  knownAddressDays: 30,
  /**
   * A browser the user signed in with recently (its signed device cookie) is known too: the
   * account's delay never holds it, and its own failures are limited like the pair's, per device.
   */
  knownDeviceDays: 30,
  /** One address across every account (password spraying): the same growing delay. */
  address: { windowMinutes: 15, freeFailures: 50, maxDelaySeconds: 60 },
} as const;

export type ThrottleDecision =
  | { throttled: false }
  | {
      throttled: true;
      rule: "pair" | "device" | "account" | "address";
      retryAfterSeconds: number;
    };

// Reserved attempts still being checked count as failures: that is what makes them atomic.
const counts = (row: AttemptRow) => row.outcome === "pending" || row.outcome === "failure";
const minutesAgo = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000).toISOString();

/** Seconds left of the growing delay after `failures` recent failures, the latest at `latest`. */
function delayLeft(
  failures: number,
  latest: string | undefined,
  rule: { freeFailures: number; maxDelaySeconds: number },
  now: Date,
): number {
  if (failures < rule.freeFailures || !latest) return 0;
  const delay = Math.min(2 ** (failures - rule.freeFailures), rule.maxDelaySeconds);
  const waited = (now.getTime() - new Date(latest).getTime()) / 1000;
  return Math.max(0, Math.ceil(delay - waited));
}

/**
 * Whether an attempt on an account from an address is checked or refused, from the account's
 * attempts of the last hour (every address), the address's failures of the last 15 minutes
 * (every account), and what vouches for the attempt:
 * - a known device (the signed cookie of a browser the user signed in with in the last 30 days):
 *   its own failures on the account are limited as a pair's are, instead of the address's, and
 *   the account's delay does not apply;
 * - a known address (signed in from in the last 30 days), or an unlock link an administrator
 *   issued: the account's delay does not apply.
 * The address's own limit on every account (spraying) holds whatever vouches.
 */
export function throttleDecision(
  input: {
    address: string;
    accountAttempts: readonly AttemptRow[];
    addressFailures: readonly { at: string }[];
    knownAddress: boolean;
    /** The verified device id of the attempt's cookie, when the account signed in with it recently. */
    knownDevice?: string | null;
    /** An unused, unexpired unlock link for this account came with the attempt. */
    unlocked?: boolean;
  },
  now: Date,
): ThrottleDecision {
  const pairSince = minutesAgo(now, THROTTLE.pair.windowMinutes);
  const device = input.knownDevice ?? null;
  const pair = input.accountAttempts
    .filter(
      (row) =>
        (device ? row.device === device : row.address === input.address) && row.at >= pairSince,
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const lastSuccess = pair.findLastIndex((row) => row.outcome === "success");
  const pairFailures = pair.slice(lastSuccess + 1).filter(counts);
  if (pairFailures.length >= THROTTLE.pair.maxFailures) {
    const oldest = pairFailures[pairFailures.length - THROTTLE.pair.maxFailures]!.at;
    const frees = new Date(oldest).getTime() + THROTTLE.pair.windowMinutes * 60_000;
    return {
      throttled: true,
      rule: device ? "device" : "pair",
      retryAfterSeconds: Math.ceil((frees - now.getTime()) / 1000),
    };
  }

  if (!input.knownAddress && !device && !input.unlocked) {
    const accountSince = minutesAgo(now, THROTTLE.account.windowMinutes);
    const failures = input.accountAttempts.filter((row) => row.at >= accountSince && counts(row));
    const latest = failures.reduce<string | undefined>(
      (a, r) => (a && a > r.at ? a : r.at),
      undefined,
    );
    const wait = delayLeft(failures.length, latest, THROTTLE.account, now);
    if (wait > 0) return { throttled: true, rule: "account", retryAfterSeconds: wait };
  }

  const addressSince = minutesAgo(now, THROTTLE.address.windowMinutes);
  const addressFailures = input.addressFailures.filter((row) => row.at >= addressSince);
  const latest = addressFailures.reduce<string | undefined>(
    (a, r) => (a && a > r.at ? a : r.at),
    undefined,
  );
  const wait = delayLeft(addressFailures.length, latest, THROTTLE.address, now);
  if (wait > 0) return { throttled: true, rule: "address", retryAfterSeconds: wait };
  return { throttled: false };
}
