import "server-only";
import { appContext } from "@/lib/server/app-context";
import { verifyAssertion } from "@/lib/smart/assertion";
import { cdsServiceUrl } from "@/lib/smart/urls";
import { hookError, readHookBody, respondToHook } from "./respond";
import { cdsService, discovery } from "./services";
import { everyMethod } from "@/lib/http/every-method";

/**
 * POST /cds-services/<id>. The EHR authenticates every call with a JWT it signs (CDS Hooks 2.0
 * §Trusting CDS Clients): RS384 or ES384, kid of a key in the JWKS registered for it, iss its
 * client id (or the CDS issuer registered with it), aud this service's URL, iat, exp within five
 * minutes, a jti never used before. A SMART access token is not what CDS Hooks sends.
 */
export async function hookRoute(request: Request, id: string): Promise<Response> {
  const service = cdsService(id);
  if (!service) return hookError(404, "No such CDS service: GET /cds-services lists them.");
  const match = /^Bearer +(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  const challenge = { "WWW-Authenticate": 'Bearer realm="cds-services"' };
  if (!match)
    return hookError(
      401,
      "Sign a JWT for this service (CDS Hooks 2.0 §Trusting CDS Clients) and send it as Authorization: Bearer <jwt>.",
      challenge,
    );
  const { db } = await appContext();
  const verified = await verifyAssertion(db, match[1]!, cdsServiceUrl(service.id), new Date(), {
    cdsHooks: true,
  });
  if (!verified.ok) return hookError(401, verified.reason, challenge);
  const body = await readHookBody(request);
  if (!body.ok) return body.response;
  return respondToHook(db, service, body.body, verified.client.id);
}

/** What a browser-based CDS client sends with a hook call, for the CORS preflight to allow. */
export const CDS_CORS_HEADERS = ["Content-Type", "Accept", "Authorization"];

export const discoveryRoute = () =>
  Response.json(discovery(), { headers: { "Cache-Control": "no-store" } });

/** Every method a CDS Hooks route does not take: 405 with Allow and an OperationOutcome. */
export function hookMethodNotAllowed(allowed: readonly string[]) {
  const handler = (request: Request) =>
    hookError(405, `${request.method} is not allowed here; use ${allowed.join(" or ")}.`, {
      Allow: allowed.join(", "),
    });
  return everyMethod(handler);
}
