import { describe, expect, it } from "vitest";
import { bucketsOf, lastDays, parseYear, weekStart, yearPeriod } from "./period";

const NOW = new Date("2026-11-27T01:00:00.000Z");

describe("the year in the URL", () => {
  it("is the current year when none is given, and any year from 2000 to it", () => {
    expect(parseYear(undefined, NOW)).toEqual({ ok: true, year: 2026 });
    expect(parseYear("2000", NOW)).toEqual({ ok: true, year: 2000 });
    expect(parseYear("2026", NOW)).toEqual({ ok: true, year: 2026 });
  });
  it.each([["1999"], ["2027"], ["abcd"], ["26"], ["2026 "], ["+2026"], ["2026.0"], [""]])(
    "refuses %j with a sentence saying what to give",
    (raw) => {
      expect(parseYear(raw, NOW)).toEqual({
        ok: false,
        message: `"${raw}" is not a year these metrics cover: give a year from 2000 to 2026 in four digits, for example 2026.`,
      });
    },
  );
  it("refuses two years, and cuts a long value short", () => {
    expect(parseYear(["2025", "2026"], NOW)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^More than one year was given/),
    });
    expect(parseYear("x".repeat(500), NOW)).toMatchObject({
      message: expect.stringMatching(/^"x{24}…" is not a year/),
    });
  });
});

describe("periods and their buckets", () => {
  it("splits a year into its months, December ending at the next year", () => {
    const months = bucketsOf(yearPeriod(2024));
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({
      key: "2024-02",
      label: "February",
      short: "Feb",
      from: "2024-02-01",
      to: "2024-03-01",
    });
    expect(months[11]).toMatchObject({ from: "2024-12-01", to: "2025-01-01" });
  });
  it("counts the 90 days up to today in Monday-to-Sunday weeks, the first one cut short", () => {
    const period = lastDays(NOW, 90);
    const weeks = bucketsOf(period);
    expect(weeks).toHaveLength(14);
    // The 90 days begin on a Sunday: that day alone, then whole weeks from Monday.
    expect(weeks[0]).toMatchObject({ from: "2026-08-30", to: "2026-08-31", label: "Aug 30" });
    expect(weeks.at(-1)).toMatchObject({ from: "2026-11-23", to: "2026-11-28" });
    for (let i = 1; i < weeks.length; i++) {
      expect(weeks[i]!.from).toBe(weeks[i - 1]!.to);
      expect(new Date(`${weeks[i]!.from}T00:00:00Z`).getUTCDay(), weeks[i]!.from).toBe(1);
    }
    expect(weekStart(NOW).toISOString().slice(0, 10)).toBe(weeks.at(-1)!.from);
  });
});
