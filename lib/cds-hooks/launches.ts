import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/database";
import { NO_PREFILL, type EhrPrefill } from "@/lib/policy/engine/ehr-codes";
import { env } from "@/lib/env";
import { answersFromJson, answersToJson } from "@/lib/requests/stored-answers";

// A card's launch: 256 random bits in the link, only their SHA-256 in the database, the policy and
// what was read from the EHR — proposed answers, the codes behind them, hints (never a patient
// identifier) — for LAUNCH_MINUTES and one use.

export const LAUNCH_MINUTES = 15;

const sha256 = (id: string) => createHash("sha256").update(id).digest("hex");

export const launchUrl = (id: string) =>
  `${env().APP_URL.replace(/\/+$/, "")}/ehr-launch?launch=${id}`;

export async function createLaunch(
  db: Db,
  input: { clientId: string; policyId: string; prefill: EhrPrefill },
  now = new Date(),
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await db.kysely
    .insertInto("crd_launches")
    .values({
      launch_sha256: sha256(id),
      client_id: input.clientId,
      policy_id: input.policyId,
      answers_json: answersToJson(input.prefill.answers),
      prefill_json: JSON.stringify({
        evidence: input.prefill.evidence,
        hints: input.prefill.hints,
      }),
      expires_at: new Date(now.getTime() + LAUNCH_MINUTES * 60_000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** What an opening found: the launch's policy and answers, or why it cannot be opened. */
export type LaunchOpening =
  | { ok: true; policyId: string; prefill: EhrPrefill }
  | { ok: false; reason: "spent" | "expired"; at: string }
  | { ok: false; reason: "unknown" };

/** What a spent or expired launch keeps: no answers, no codes, no hints. */
export const NO_ANSWERS = "{}";
export const NO_PREFILL_JSON = JSON.stringify({
  evidence: NO_PREFILL.evidence,
  hints: NO_PREFILL.hints,
});

/**
 * The launch's policy and answers, once: the opening marks it spent and drops its answers, so a
 * second opening (or a second tab racing the first) is told it was opened already, and when. An
 * expired launch loses its answers as it is found. The row itself stays until the pruning job
 * removes it a day later (lib/server/prune.ts).
 */
export async function consumeLaunch(db: Db, id: string, now = new Date()): Promise<LaunchOpening> {
  if (!/^[\w-]{43}$/.test(id)) return { ok: false, reason: "unknown" };
  const key = sha256(id);
  const row = await db.kysely
    .selectFrom("crd_launches")
    .select(["policy_id", "answers_json", "prefill_json", "expires_at", "spent_at"])
    .where("launch_sha256", "=", key)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  if (row.spent_at) return { ok: false, reason: "spent", at: row.spent_at };
  const expired = row.expires_at <= now.toISOString();
  const taken = await db.kysely
    .updateTable("crd_launches")
    .set({
      answers_json: NO_ANSWERS,
      prefill_json: NO_PREFILL_JSON,
      ...(expired ? {} : { spent_at: now.toISOString() }),
    })
    .where("launch_sha256", "=", key)
    .where("spent_at", "is", null)
    .executeTakeFirst();
  if (expired) return { ok: false, reason: "expired", at: row.expires_at };
  // Only one opening changes the row; another that read it at the same time finds it spent.
  if (Number(taken.numUpdatedRows) !== 1)
    return { ok: false, reason: "spent", at: now.toISOString() };
  // Written by createLaunch above, never by a client; the answers are read back as answer values
  // (a row holding anything else proposes none), and the launch page still keeps only valid
  // answers of the policy (keepValidAnswers).
  const { evidence, hints } = JSON.parse(row.prefill_json) as Omit<EhrPrefill, "answers">;
  const read = answersFromJson(row.answers_json);
  const answers = read.ok ? read.answers : {};
  return { ok: true, policyId: row.policy_id, prefill: { answers, evidence, hints } };
}
