import "server-only";
import { peopleByIds } from "@/lib/auth/people";
import type { Db } from "@/lib/db/database";
import { authorizationOf } from "@/lib/requests/authorization-store";
import { caseHistory } from "@/lib/requests/case-history";
import { personText } from "@/lib/requests/labels";
import type { StoredRequest } from "@/lib/requests/request-row";
import { readingOfRequest } from "./reading-of-request";

/**
 * Everything a case page, the JSON API and the exports show of a request besides its row: its
 * history with people named, the policy version it is judged under with the stored reading and
 * today's (lib/server/reading-of-request.ts), and what its approval authorizes (with who issued it).
 */
export async function caseFile(db: Db, request: StoredRequest) {
  const [history, authorization] = await Promise.all([
    caseHistory(db, request.id, request.reference),
    authorizationOf(db, request.id),
  ]);
  const issuer =
    authorization && (await peopleByIds(db, [authorization.issuedBy])).get(authorization.issuedBy);
  const reading = readingOfRequest(request);
  return {
    history,
    policy: reading.policy,
    reading,
    authorization: authorization && {
      record: authorization,
      issuedBy: issuer ? personText(issuer) : "unknown user",
    },
  };
}

export type CaseFile = Awaited<ReturnType<typeof caseFile>>;
