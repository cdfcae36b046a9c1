import "server-only";
import { fhirError } from "@/lib/http/fhir-response";
import { appContext } from "@/lib/server/app-context";
import { readAccessToken, type TokenHolder } from "./access-tokens";
import { grants, type Scope } from "./scopes";

export type Authorized = { ok: true; holder: TokenHolder } | { ok: false; response: Response };

/**
 * The client behind the request's `Authorization: Bearer` access token, if it holds `scope`:
 * otherwise 401 (no token, or not a live one) or 403 (a live token without the scope), each an
 * OperationOutcome with the WWW-Authenticate challenge of RFC 6750 §3.
 */
export async function requireScope(request: Request, scope: Scope): Promise<Authorized> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer +([^\s]+)$/i.exec(header);
  const refuse = (status: 401 | 403, diagnostics: string, challenge: string): Authorized => ({
    ok: false,
    response: fhirError(status, status === 401 ? "login" : "forbidden", diagnostics, {
      "WWW-Authenticate": challenge,
    }),
  });
  if (!match)
    return refuse(
      401,
      "Send an access token from POST /api/auth/token (SMART Backend Services) as Authorization: Bearer <token>.",
      'Bearer realm="fhir"',
    );
  const { db } = await appContext();
  const holder = await readAccessToken(db, match[1]!);
  if (!holder)
    return refuse(
      401,
      "The access token is not valid or has expired (tokens last 5 minutes): get a new one.",
      'Bearer realm="fhir", error="invalid_token"',
    );
  if (!grants(holder.scopes, scope))
    return refuse(
      403,
      `This operation needs the scope ${scope}, which this access token does not carry.`,
      `Bearer realm="fhir", error="insufficient_scope", scope="${scope}"`,
    );
  return { ok: true, holder };
}
