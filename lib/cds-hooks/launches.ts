import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/database";
import type { Answers } from "@/lib/policy/engine/types";
import { env } from "@/lib/env";

// A card's launch: 256 random bits in the link, only their SHA-256 in the database, the policy and
// the answers read from the EHR (never a patient identifier), for LAUNCH_MINUTES and one use.

export const LAUNCH_MINUTES = 15;

const sha256 = (id: string) => createHash("sha256").update(id).digest("hex");

export const launchUrl = (id: string) =>
  `${env().APP_URL.replace(/\/+$/, "")}/ehr-launch?launch=${id}`;

export async function createLaunch(
  db: Db,
  input: { clientId: string; policyId: string; answers: Answers },
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
      answers_json: JSON.stringify(input.answers),
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
): Promise<{ policyId: string; answers: Answers } | undefined> {
  if (!/^[\w-]{43}$/.test(id)) return undefined;
  const row = await db.kysely
    .deleteFrom("crd_launches")
    .where("launch_sha256", "=", sha256(id))
    .returning(["policy_id", "answers_json", "expires_at"])
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  return { policyId: row.policy_id, answers: JSON.parse(row.answers_json) as Answers };
}
