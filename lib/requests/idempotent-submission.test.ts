import { describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { SAMPLE_POLICY, SAMPLE_SUBMISSION } from "@/test/sample-submission";
import { submitRequest } from "./repository";
import { countRequests } from "@/test/request-count";

describe.each(ENGINES)("idempotent submissions and references on %s", (_engine, open) => {
  const t = testDatabase(open);

  const count = (memberId: string) => countRequests(t.db, memberId);

  it("stores one request for two identical submissions sent at once with one key", async () => {
    const body = { ...SAMPLE_SUBMISSION, memberId: "IDEM-1" };
    const results = await Promise.all(
      Array.from({ length: 2 }, () =>
        submitRequest(t.db, "physician-1", body, SAMPLE_POLICY, undefined, {
          idempotencyKey: "key-1",
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const references = results.map((r) => (r as { reference: string }).reference);
    expect(new Set(references).size).toBe(1);
    expect(results.map((r) => (r as { replayed: boolean }).replayed).sort()).toEqual([false, true]);
    expect(await count("IDEM-1")).toBe(1);
  });

  it("stores one request for ten at once, and the same again later", async () => {
    const body = { ...SAMPLE_SUBMISSION, memberId: "IDEM-10" };
    const send = () =>
      submitRequest(t.db, "physician-1", body, SAMPLE_POLICY, undefined, { idempotencyKey: "k10" });
    const results = await Promise.all(Array.from({ length: 10 }, send));
    const later = await send();
    const references = new Set(
      [...results, later].map((r) => (r as { reference: string }).reference),
    );
    expect(references.size).toBe(1);
    expect(later).toMatchObject({ ok: true, replayed: true });
    expect(await count("IDEM-10")).toBe(1);
  });

  it("refuses the same key with another body, and stores nothing", async () => {
    await submitRequest(
      t.db,
      "physician-1",
      { ...SAMPLE_SUBMISSION, memberId: "IDEM-2" },
      SAMPLE_POLICY,
      undefined,
      {
        idempotencyKey: "key-2",
      },
    );
    const other = await submitRequest(
      t.db,
      "physician-1",
      { ...SAMPLE_SUBMISSION, memberId: "IDEM-2B" },
      SAMPLE_POLICY,
      undefined,
      { idempotencyKey: "key-2" },
    );
    expect(other).toMatchObject({ ok: false, reason: "key-reused" });
    expect(await count("IDEM-2B")).toBe(0);
  });

  it("keeps each physician's keys apart, and stores every submission without a key", async () => {
    const body = { ...SAMPLE_SUBMISSION, memberId: "IDEM-3" };
    const a = await submitRequest(t.db, "physician-a", body, SAMPLE_POLICY, undefined, {
      idempotencyKey: "same",
    });
    const b = await submitRequest(t.db, "physician-b", body, SAMPLE_POLICY, undefined, {
      idempotencyKey: "same",
    });
    expect(a).toMatchObject({ ok: true, replayed: false });
    expect(b).toMatchObject({ ok: true, replayed: false });
    await submitRequest(t.db, "physician-a", body, SAMPLE_POLICY);
    await submitRequest(t.db, "physician-a", body, SAMPLE_POLICY);
    expect(await count("IDEM-3")).toBe(4);
  });

  it("gives references that do not count requests, and draws again on a clash", async () => {
    const references: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await submitRequest(
        t.db,
        "physician-1",
        { ...SAMPLE_SUBMISSION, memberId: `REF-${i}` },
        SAMPLE_POLICY,
      );
      references.push((r as { reference: string }).reference);
    }
    for (const reference of references) expect(reference).toMatch(/^R-\d{4}-\d{6}$/);
    expect(new Set(references).size).toBe(20);
    const numbers = references.map((r) => Number(r.slice(-6)));
    // A counter would give 20 consecutive numbers; random ones almost never do.
    const consecutive = numbers.slice(1).every((n, i) => n === numbers[i]! + 1);
    expect(consecutive).toBe(false);

    const draws = [references[0]!, references[1]!, "R-2026-424242"];
    const clash = await submitRequest(
      t.db,
      "physician-1",
      { ...SAMPLE_SUBMISSION, memberId: "REF-X" },
      SAMPLE_POLICY,
      undefined,
      {
        newReference: () => draws.shift()!,
      },
    );
    expect(clash).toMatchObject({ ok: true, reference: "R-2026-424242" });
  });
});
