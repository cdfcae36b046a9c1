import { describe, expect, it } from "vitest";
import { THROTTLE, throttleDecision, type AttemptRow } from "./throttle-policy";

const NOW = new Date("2026-11-26T10:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();
const row = (seconds: number, address: string, outcome: AttemptRow["outcome"]): AttemptRow => ({
  at: ago(seconds),
  address,
  outcome,
});
const times = (n: number, make: (i: number) => AttemptRow) =>
  Array.from({ length: n }, (_, i) => make(i));

const decide = (
  accountAttempts: AttemptRow[],
  { address = "A", addressFailures = [] as { at: string }[], knownAddress = false } = {},
) => throttleDecision({ address, accountAttempts, addressFailures, knownAddress }, NOW);

describe("throttleDecision", () => {
  it.each([
    ["no attempts", [], false],
    ["4 failures from this address", times(4, (i) => row(60 + i, "A", "failure")), false],
    ["5 failures from this address", times(5, (i) => row(60 + i, "A", "failure")), true],
    [
      "5 attempts still being checked count as failures",
      times(5, () => row(0, "A", "pending")),
      true,
    ],
    [
      "5 failures older than 15 minutes",
      times(5, (i) => row(15 * 60 + 1 + i, "A", "failure")),
      false,
    ],
    [
      "5 failures, then a success from this address",
      [...times(5, (i) => row(120 + i, "A", "failure")), row(60, "A", "success")],
      false,
    ],
    ["5 failures from another address", times(5, (i) => row(60 + i, "B", "failure")), false],
    ["9 failures from 9 addresses", times(9, (i) => row(i, `B${i}`, "failure")), false],
    [
      "10 failures from 10 addresses, the last 0.5 s ago",
      times(10, (i) => row(0.5 + i, `B${i}`, "failure")),
      true,
    ],
    [
      "10 failures from 10 addresses, the last 1.5 s ago",
      times(10, (i) => row(1.5 + i, `B${i}`, "failure")),
      false,
    ],
    [
      "12 failures, the last 3 s ago (waits 4 s)",
      times(12, (i) => row(3 + i, `B${i}`, "failure")),
      true,
    ],
    ["12 failures, the last 5 s ago", times(12, (i) => row(5 + i, `B${i}`, "failure")), false],
    [
      "40 failures (waits at most 60 s), the last 61 s ago",
      times(40, (i) => row(61 + i, `B${i}`, "failure")),
      false,
    ],
    ["40 failures, the last 59 s ago", times(40, (i) => row(59 + i, `B${i}`, "failure")), true],
    ["successes are not failures", times(20, (i) => row(i, `B${i}`, "success")), false],
  ] as [string, AttemptRow[], boolean][])("%s", (_name, rows, throttled) => {
    expect(decide(rows).throttled).toBe(throttled);
  });

  it("names the rule and when to retry", () => {
    expect(decide(times(5, (i) => row(60 + i, "A", "failure")))).toEqual({
      throttled: true,
      rule: "pair",
      retryAfterSeconds: 15 * 60 - 64,
    });
    expect(decide(times(12, (i) => row(3 + i, `B${i}`, "failure")))).toEqual({
      throttled: true,
      rule: "account",
      retryAfterSeconds: 1,
    });
  });

  it("spares a known address the account's delay, never the address's own limit", () => {
    const sprayed = times(30, (i) => row(i, `B${i}`, "failure"));
    expect(decide(sprayed).throttled).toBe(true);
    expect(decide(sprayed, { knownAddress: true }).throttled).toBe(false);
    const own = [...sprayed, ...times(5, (i) => row(i, "A", "failure"))];
    expect(decide(own, { knownAddress: true })).toMatchObject({ throttled: true, rule: "pair" });
  });

  it("slows an address that fails on many accounts", () => {
    const failures = (n: number, lastSecondsAgo: number) =>
      Array.from({ length: n }, (_, i) => ({ at: ago(lastSecondsAgo + i) }));
    expect(decide([], { addressFailures: failures(49, 0) }).throttled).toBe(false);
    expect(decide([], { addressFailures: failures(50, 0.5) })).toMatchObject({ rule: "address" });
    expect(decide([], { addressFailures: failures(50, 1.5) }).throttled).toBe(false);
    expect(decide([], { addressFailures: failures(50, 16 * 60) }).throttled).toBe(false);
  });

  it("keeps an account under 100 checked failures an hour, whatever the attacker does (ASVS 2.2.1)", () => {
    // An attacker with a new address for every guess, guessing as soon as the delay allows.
    const attempts: AttemptRow[] = [];
    let checked = 0;
    for (let second = 0; second < 3600; second += 0.25) {
      const now = new Date(NOW.getTime() + second * 1000);
      const decision = throttleDecision(
        {
          address: `X${second}`,
          accountAttempts: attempts,
          addressFailures: [],
          knownAddress: false,
        },
        now,
      );
      if (decision.throttled) continue;
      checked++;
      attempts.push({ at: now.toISOString(), address: `X${second}`, outcome: "failure" });
    }
    expect(checked).toBeLessThan(100);
    expect(checked).toBeGreaterThan(THROTTLE.account.freeFailures);
  });
});
