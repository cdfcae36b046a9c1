import { describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { hookRequest } from "@/test/ehr-samples";
import { consumeLaunch } from "./launches";
import { respondToHook } from "./respond";
import { cdsService } from "./services";

process.env.APP_URL ??= "https://pa.example.org";
const [, openSqlite] = ENGINES[0]!;
const SIGN = cdsService("coverage-order-sign")!;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// rules-0261.md r3: whether a code needs prior authorization comes from the plan's configured
// list (PRIOR_AUTH_CODES), never from the policy text alone. Played on a real SQLite database.
describe("CRD answers from the plan's list of codes", () => {
  const t = testDatabase(openSqlite);
  const respond = async (cpt: string, list: ReadonlySet<string> | null) =>
    (await (
      await respondToHook(t.db, SIGN, hookRequest({ cpt }), "client-1", new Date(), list)
    ).json()) as { cards: Json[]; systemActions: Json[] };
  const paNeeded = (action: Json) =>
    action.resource.extension[0].extension.find((e: Json) => e.url === "pa-needed").valueCode;

  it("a listed code: a card, and coverage-information auth-needed", async () => {
    const { cards, systemActions } = await respond("38243", new Set(["38242", "38243"]));
    expect(cards).toHaveLength(1);
    expect(paNeeded(systemActions[0]!)).toBe("auth-needed");
  });

  it("a governed code not on the list: no card, and coverage-information no-auth", async () => {
    const before = await t.db.kysely.selectFrom("crd_launches").select("launch_sha256").execute();
    const { cards, systemActions } = await respond("38243", new Set(["38242"]));
    expect(cards).toEqual([]);
    expect(systemActions).toHaveLength(1);
    expect(paNeeded(systemActions[0]!)).toBe("no-auth");
    expect(systemActions[0]!.description).toMatch(/does not require prior authorization/);
    // No questionnaire link, so no launch is stored.
    const after = await t.db.kysely.selectFrom("crd_launches").select("launch_sha256").execute();
    expect(after).toHaveLength(before.length);
  });

  it("no list configured: nothing is asserted either way", async () => {
    expect(await respond("38242", null)).toEqual({ cards: [], systemActions: [] });
  });

  it("a hook with CPT 38241 alone on record stores a hint for the prior HSCT, and no answer to it", async () => {
    const response = await respondToHook(
      t.db,
      SIGN,
      hookRequest({ conditions: [], procedures: ["38241"] }),
      "client-1",
      new Date(),
      new Set(["38242"]),
    );
    const { cards } = (await response.json()) as { cards: Json[] };
    const id = new URL(cards[0]!.links[0].url).searchParams.get("launch")!;
    const launch = await consumeLaunch(t.db, id);
    if (!launch.ok) throw new Error(`the card's launch did not open: ${launch.reason}`);
    expect(launch.prefill.answers).toEqual({ service: "dli" });
    expect(launch.prefill.hints).toEqual([
      {
        field: "priorTransplant",
        text: "EHR code 38241 “HPC; autologous transplantation”: an autologous HSCT is recorded; was there a later allogeneic HSCT?",
        evidence: [
          {
            system: "http://www.ama-assn.org/go/cpt",
            code: "38241",
            title: "HPC; autologous transplantation",
            date: "2024-11-05",
          },
        ],
      },
    ]);
  });
});
