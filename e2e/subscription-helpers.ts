// How the Subscriptions specs and the bench act as an EHR: a PAS Subscription body, and the
// requests that create one, submit a Claim and approve it as a reviewer.
import type { APIRequestContext } from "@playwright/test";

export const PAS_TOPIC =
  "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic";
const BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition";
export const FHIR_JSON = { "content-type": "application/fhir+json" };

export function subscriptionBody(s: {
  endpoint: string;
  npi: string;
  content?: "full-resource" | "id-only";
  headers?: string[];
}) {
  return {
    resourceType: "Subscription",
    status: "requested",
    reason: "PAS prior authorization responses",
    criteria: PAS_TOPIC,
    _criteria: {
      extension: [
        { url: `${BACKPORT}/backport-filter-criteria`, valueString: `org-identifier=${s.npi}` },
      ],
    },
    channel: {
      type: "rest-hook",
      endpoint: s.endpoint,
      payload: "application/fhir+json",
      _payload: {
        extension: [
          { url: `${BACKPORT}/backport-payload-content`, valueCode: s.content ?? "full-resource" },
        ],
      },
      ...(s.headers ? { header: s.headers } : {}),
    },
  };
}

export const bearer = (token: string) => ({ ...FHIR_JSON, authorization: `Bearer ${token}` });

export function createSubscription(request: APIRequestContext, token: string, body: unknown) {
  return request.post("/api/fhir/Subscription", { data: body, headers: bearer(token) });
}
