import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/database";
import type { EhrPrefill } from "@/lib/policy/engine/ehr-codes";
import { env } from "@/lib/env";

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
  await db.kysely.deleteFrom("crd_launches").where("expires_at", "<", now.toISOString()).execute();
  await db.kysely
    .insertInto("crd_launches")
    .values({
      launch_sha256: sha256(id),
      client_id: input.clientId,
      policy_id: input.policyId,
      answers_json: JSON.stringify(input.prefill.answers),
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

/**
 * The launch's policy and answers, once: the row is deleted as it is read, so a second opening
 * (or a second tab racing the first) finds nothing. An expired or unknown id finds nothing too.
 */
export async function consumeLaunch(
  db: Db,
  id: string,
  now = new Date(),
): Promise<{ policyId: string; prefill: EhrPrefill } | undefined> {
  if (!/^[\w-]{43}$/.test(id)) return undefined;
  const row = await db.kysely
    .deleteFrom("crd_launches")
    .where("launch_sha256", "=", sha256(id))
    .returning(["policy_id", "answers_json", "prefill_json", "expires_at"])
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  // Written by createLaunch above, never by a client; the launch page still keeps only valid
  // answers of the policy (keepValidAnswers).
  const { evidence, hints } = JSON.parse(row.prefill_json) as Omit<EhrPrefill, "answers">;
  return {
    policyId: row.policy_id,
    prefill: { answers: JSON.parse(row.answers_json) as EhrPrefill["answers"], evidence, hints },
  };
}
