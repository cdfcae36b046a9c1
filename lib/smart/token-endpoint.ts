import "server-only";
import { decodeJwt } from "jose";
import { recordAudit } from "@/lib/audit/audit-log";
import { readAtMost } from "@/lib/http/read-body";
import { mediaTypeOf } from "@/lib/http/read-json";
import { logger } from "@/lib/log/logger";
import { appContext } from "@/lib/server/app-context";
import { issueAccessToken } from "./access-tokens";
import { verifyAssertion } from "./assertion";
import { clientActorId } from "@/lib/audit/actors";
import { grants, isScope, scopeList } from "./scopes";
import { tokenEndpointUrl } from "./urls";

/** The client id an assertion claims (its iss), for the log of a refusal; never verified here. */
function claimedIssuer(assertion: string): string | undefined {
  try {
    const { iss } = decodeJwt(assertion);
    return typeof iss === "string" ? iss.slice(0, 100) : undefined;
  } catch {
    return undefined;
  }
}

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const MAX_BODY_BYTES = 16 * 1024;
// RFC 6749 §5.1: token responses, and their errors, are never cached.
const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

type OAuthError = "invalid_request" | "invalid_client" | "invalid_scope" | "unsupported_grant_type";

/**
 * RFC 6749 §5.2: { error, error_description }; 401 for a client that failed to authenticate. The
 * log line says why, which client the assertion claimed to be (its iss, unverified, when it could
 * be read) and the request id, never the assertion itself.
 */
function oauthError(
  request: Request,
  error: OAuthError,
  description: string,
  claimedClient?: string,
): Response {
  logger.info(
    {
      event: "smart.token.refused",
      error,
      reason: description.slice(0, 300),
      clientId: claimedClient ?? null,
      requestId: request.headers.get("x-request-id") ?? undefined,
    },
    "token request refused",
  );
  return Response.json(
    { error, error_description: description },
    { status: error === "invalid_client" ? 401 : 400, headers: NO_STORE },
  );
}

/**
 * POST /api/auth/token — SMART Backend Services (SMART App Launch 2.x): a client_credentials
 * grant authenticated by a JWT the client signed (private_key_jwt). Answers a 5-minute bearer
 * token for the requested scopes the client was registered with.
 */
export async function tokenRequest(request: Request): Promise<Response> {
  if (mediaTypeOf(request) !== "application/x-www-form-urlencoded")
    return oauthError(
      request,
      "invalid_request",
      "Send the token request as application/x-www-form-urlencoded (RFC 6749 §4.4.2).",
    );
  const bytes = await readAtMost(request, MAX_BODY_BYTES);
  if (!bytes)
    return oauthError(
      request,
      "invalid_request",
      `The body is larger than ${MAX_BODY_BYTES} bytes.`,
    );
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return oauthError(request, "invalid_request", "The body is not UTF-8 text.");
  }
  const one = (name: string) => {
    const values = form.getAll(name);
    return values.length === 1 ? values[0]! : undefined;
  };
  const grantType = one("grant_type");
  if (grantType !== "client_credentials")
    return oauthError(
      request,
      grantType === undefined ? "invalid_request" : "unsupported_grant_type",
      "grant_type must be client_credentials, given once.",
    );
  if (one("client_assertion_type") !== JWT_BEARER)
    return oauthError(request, "invalid_request", `client_assertion_type must be ${JWT_BEARER}.`);
  const assertion = one("client_assertion");
  if (!assertion) return oauthError(request, "invalid_request", "client_assertion is missing.");
  const scope = one("scope");
  if (!scope)
    return oauthError(request, "invalid_request", "scope is missing: name the scopes you need.");

  const requested = scopeList(scope);
  if (requested.length === 0)
    return oauthError(
      request,
      "invalid_scope",
      "scope names no scope: ask for the scopes you need, separated by spaces.",
      claimedIssuer(assertion),
    );

  const { db } = await appContext();
  const verified = await verifyAssertion(db, assertion, tokenEndpointUrl());
  if (!verified.ok)
    return oauthError(request, "invalid_client", verified.reason, claimedIssuer(assertion));
  const { client } = verified;

  const unknown = requested.filter((s) => !isScope(s) || !grants(client.scopes, s));
  if (unknown.length)
    return oauthError(
      request,
      "invalid_scope",
      `This client may not be granted ${unknown.join(", ")}; it is registered for ${client.scopes.join(" ")}.`,
      client.id,
    );
  const granted = requested.filter(isScope);
  const { token, expiresIn } = await issueAccessToken(db, client.id, granted);
  await recordAudit(db.kysely, {
    actorId: clientActorId(client.id),
    action: "smart.token-issued",
    detail: { client: client.name, scope: granted.join(" ") },
  });
  return Response.json(
    { access_token: token, token_type: "bearer", expires_in: expiresIn, scope: granted.join(" ") },
    { status: 200, headers: NO_STORE },
  );
}
