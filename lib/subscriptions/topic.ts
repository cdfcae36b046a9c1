import type { Bundle, BundleEntry, Parameters, ParametersParameter } from "@medplum/fhirtypes";
import type { SubscriptionContent, SubscriptionStatus } from "@/lib/db/schema";
import { NPI_SYSTEM, Problems } from "@/lib/pas/bundle";
import { isObject } from "@/lib/http/parse-json";

// Pure: the PAS Subscription (PAS profile-subscription on the R4 Subscriptions Backport) as a
// client sends it, read into what is stored; a stored one as the Subscription resource; and the
// notification Bundles (handshake, event-notification, query-status) in their R4 shape: a
// history Bundle whose first entry is the SubscriptionStatus as Parameters.

export const PAS_TOPIC =
  "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic";
const BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition";
export const FILTER_CRITERIA = `${BACKPORT}/backport-filter-criteria`;
export const PAYLOAD_CONTENT = `${BACKPORT}/backport-payload-content`;
const PAS_SUBSCRIPTION_PROFILE =
  "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription";
export const FHIR_JSON = "application/fhir+json";
const CONTENTS: readonly SubscriptionContent[] = ["id-only", "full-resource"];
const MAX_HEADERS = 5;

/** What a client asks for, checked for shape (the filter's NPI and the host are checked after). */
export interface SubscriptionInput {
  status: "requested" | "off";
  orgIdentifier: string;
  endpoint: string;
  headers: string[];
  content: SubscriptionContent;
  reason: string | null;
  end: string | null;
}

export type ReadSubscription =
  { ok: true; value: SubscriptionInput } | { ok: false; problems: Problems };

/**
 * The filter on the submitting organization: PAS 2.2's `org-identifier=<identifier>` (the form
 * Inferno's PAS test kit checks), also PAS 2.0.1's `orgIdentifier=` and a leading resource type
 * (`Bundle?`, `ClaimResponse?`). The identifier is an NPI, alone or as `<NPI system>|<NPI>`.
 */
export function filterIdentifier(value: string): string | null {
  const match = /^(?:(?:Bundle|ClaimResponse)\?)?(?:org-identifier|orgIdentifier)=(\S+)$/.exec(
    value.trim(),
  );
  if (!match) return null;
  const identifier = decodeURIComponent(match[1]!.replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
  const [system, npi] = identifier.includes("|") ? identifier.split("|", 2) : [null, identifier];
  if (system !== null && system !== NPI_SYSTEM && system !== "") return null;
  return /^\d{10}$/.test(npi!) ? npi! : null;
}

const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}):[ \t]*([^\r\n\0]{1,1000})$/;
/** Headers the server sets itself on every notification. */
const RESERVED_HEADERS = [
  "content-type",
  "content-length",
  "host",
  "transfer-encoding",
  "connection",
];

/** A Subscription body as the client sent it (create or update) → what is stored, or where it is wrong. */
export function readSubscription(body: unknown, id?: string): ReadSubscription {
  const problems = new Problems();
  if (!isObject(body) || body.resourceType !== "Subscription") {
    problems.add(
      "Subscription",
      "the body must be a FHIR Subscription resource (resourceType Subscription)",
    );
    return { ok: false, problems };
  }
  if (id !== undefined && body.id !== id)
    problems.add("Subscription.id", `must be ${id}, the id in the URL`);
  if (body.criteria !== PAS_TOPIC)
    problems.add(
      "Subscription.criteria",
      `must be the PAS topic ${PAS_TOPIC}: it is the only topic served`,
    );
  const filters =
    isObject(body._criteria) && Array.isArray(body._criteria.extension)
      ? body._criteria.extension.filter((e) => isObject(e) && e.url === FILTER_CRITERIA)
      : [];
  let orgIdentifier: string | null = null;
  if (filters.length !== 1)
    problems.add(
      "Subscription._criteria.extension",
      `needs exactly one ${FILTER_CRITERIA} with valueString org-identifier=<NPI>: the organization whose requests are notified`,
    );
  else {
    const value = (filters[0] as { valueString?: unknown }).valueString;
    orgIdentifier = typeof value === "string" ? filterIdentifier(value) : null;
    if (orgIdentifier === null)
      problems.add(
        "Subscription._criteria.extension[0].valueString",
        "must be org-identifier=<NPI> (10 digits, or http://hl7.org/fhir/sid/us-npi|<NPI>)",
      );
  }
  const status = body.status;
  if (status !== "requested" && status !== "active" && status !== "off")
    problems.add("Subscription.status", "must be requested (or active, or off to pause it)");
  const channel = isObject(body.channel) ? body.channel : undefined;
  if (!channel) problems.add("Subscription.channel", "is required");
  else if (channel.type !== "rest-hook")
    problems.add("Subscription.channel.type", "must be rest-hook: the only channel served");
  const endpoint = channel?.endpoint;
  if (channel && (typeof endpoint !== "string" || endpoint.length === 0 || endpoint.length > 2000))
    problems.add(
      "Subscription.channel.endpoint",
      "must be the URL notifications are posted to (at most 2000 characters)",
    );
  if (channel && channel.payload !== FHIR_JSON)
    problems.add("Subscription.channel.payload", `must be ${FHIR_JSON}`);
  const contentExtensions =
    isObject(channel?._payload) && Array.isArray(channel._payload.extension)
      ? channel._payload.extension.filter((e) => isObject(e) && e.url === PAYLOAD_CONTENT)
      : [];
  const content = (contentExtensions[0] as { valueCode?: unknown } | undefined)?.valueCode;
  if (
    channel &&
    (contentExtensions.length !== 1 || !CONTENTS.includes(content as SubscriptionContent))
  )
    problems.add(
      "Subscription.channel._payload.extension",
      `needs one ${PAYLOAD_CONTENT} with valueCode id-only or full-resource (empty is not served)`,
    );
  const headers: string[] = [];
  if (channel?.header !== undefined) {
    if (!Array.isArray(channel.header) || channel.header.length > MAX_HEADERS)
      problems.add(
        "Subscription.channel.header",
        `must be a list of at most ${MAX_HEADERS} headers`,
      );
    else
      for (const [i, h] of channel.header.entries()) {
        const match = typeof h === "string" ? HEADER.exec(h) : null;
        if (!match || RESERVED_HEADERS.includes(match[1]!.toLowerCase()))
          problems.add(
            `Subscription.channel.header[${i}]`,
            "must be 'Name: value' on one line (not Content-Type, Content-Length, Host, Transfer-Encoding or Connection)",
          );
        else headers.push(`${match[1]}: ${match[2]!.trim()}`);
      }
  }
  const reason = body.reason;
  if (reason !== undefined && (typeof reason !== "string" || reason.length > 500))
    problems.add("Subscription.reason", "must be text of at most 500 characters");
  const end = body.end;
  if (end !== undefined && (typeof end !== "string" || Number.isNaN(Date.parse(end))))
    problems.add("Subscription.end", "must be an instant (2027-01-01T00:00:00Z)");
  if (problems.any) return { ok: false, problems };
  return {
    ok: true,
    value: {
      status: status === "off" ? "off" : "requested",
      orgIdentifier: orgIdentifier!,
      endpoint: endpoint as string,
      headers,
      content: content as SubscriptionContent,
      reason: (reason as string | undefined) ?? null,
      end: end === undefined ? null : new Date(end as string).toISOString(),
    },
  };
}

const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/** Why notifications may not go to an endpoint: its form (400), or a host not registered (403). */
export interface EndpointProblem {
  status: 400 | 403;
  message: string;
}

/**
 * Why notifications may not go to this endpoint, or null: https on a host registered to the client
 * (http only on a loopback host, for tests), no user or password in it.
 */
export function endpointProblem(
  endpoint: string,
  hosts: readonly string[],
): EndpointProblem | null {
  const invalid = (message: string) => ({ status: 400 as const, message });
  if (!URL.canParse(endpoint)) return invalid("is not a URL");
  const url = new URL(endpoint);
  if (url.username || url.password)
    return invalid("must not carry a user name or password: use channel.header");
  if (url.hash) return invalid("must not have a fragment");
  const loopback = LOOPBACK.includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return invalid("must be https (http only on a loopback address, for tests)");
  if (!hosts.includes(url.hostname))
    return {
      status: 403,
      message: hosts.length
        ? `is on ${url.hostname}, which is not registered for this client's notifications (registered: ${hosts.join(", ")})`
        : `is on ${url.hostname}, and no host is registered for this client's notifications (smart:client:add --notify-host)`,
    };
  return null;
}

/** A stored subscription, as the resource GET and the notifications show it. */
export interface StoredSubscription {
  id: string;
  status: SubscriptionStatus;
  orgIdentifier: string;
  endpoint: string;
  headers: string[];
  content: SubscriptionContent;
  reason: string | null;
  end: string | null;
  error: string | null;
  eventsSinceStart: number;
}

export function subscriptionResource(s: StoredSubscription) {
  return {
    resourceType: "Subscription",
    id: s.id,
    meta: { profile: [PAS_SUBSCRIPTION_PROFILE] },
    status: s.status,
    ...(s.end ? { end: s.end } : {}),
    reason: s.reason ?? "PAS prior authorization responses",
    criteria: PAS_TOPIC,
    _criteria: {
      extension: [{ url: FILTER_CRITERIA, valueString: `org-identifier=${s.orgIdentifier}` }],
    },
    ...(s.error ? { error: s.error } : {}),
    channel: {
      type: "rest-hook",
      endpoint: s.endpoint,
      payload: FHIR_JSON,
      _payload: { extension: [{ url: PAYLOAD_CONTENT, valueCode: s.content }] },
      ...(s.headers.length ? { header: s.headers } : {}),
    },
  };
}

export type NotificationType = "handshake" | "event-notification" | "query-status";

/** One event of a notification: its number, when it happened, the ClaimResponse it is about. */
export interface NotificationEvent {
  eventNumber: number;
  timestamp: string;
  /** The ClaimResponse's fullUrl in the PAS response Bundle. */
  focus: string;
  /** full-resource: the PAS response Bundle, and its fullUrl in the notification. */
  response?: { url: string; bundle: Bundle };
}

const statusUrl = (base: string, id: string) => `${base}/Subscription/${id}/$status`;

/** The SubscriptionStatus (backport-subscription-status-r4) as Parameters. */
export function subscriptionStatus(
  base: string,
  s: StoredSubscription,
  type: NotificationType,
  events: readonly NotificationEvent[],
  id: string,
): Parameters {
  const parameter: ParametersParameter[] = [
    { name: "subscription", valueReference: { reference: `${base}/Subscription/${s.id}` } },
    { name: "topic", valueCanonical: PAS_TOPIC },
    { name: "status", valueCode: s.status },
    { name: "type", valueCode: type },
    { name: "events-since-subscription-start", valueString: String(s.eventsSinceStart) },
    ...events.map((e) => ({
      name: "notification-event",
      part: [
        { name: "event-number", valueString: String(e.eventNumber) },
        { name: "timestamp", valueInstant: e.timestamp },
        { name: "focus", valueReference: { reference: e.focus } },
      ],
    })),
    ...(s.error && type === "query-status"
      ? [{ name: "error", valueCodeableConcept: { text: s.error } }]
      : []),
  ];
  return {
    resourceType: "Parameters",
    id,
    meta: {
      profile: [`${BACKPORT}/backport-subscription-status-r4`],
    },
    parameter,
  };
}

/**
 * A notification (backport-subscription-notification-r4): a history Bundle, the status first; for
 * full-resource each event's PAS response Bundle after it, for id-only its ClaimResponse's fullUrl.
 */
export function notificationBundle(
  base: string,
  s: StoredSubscription,
  type: NotificationType,
  events: readonly NotificationEvent[],
  ids: { bundle: string; status: string },
  now: string,
): Bundle {
  const status: BundleEntry = {
    fullUrl: `urn:uuid:${ids.status}`,
    resource: subscriptionStatus(base, s, type, events, ids.status),
    request: { method: "GET", url: statusUrl(base, s.id) },
    response: { status: "200" },
  };
  const focus: BundleEntry[] =
    type === "event-notification"
      ? events.map((e) =>
          s.content === "full-resource" && e.response
            ? {
                fullUrl: e.response.url,
                resource: e.response.bundle,
                request: { method: "POST", url: `${base}/Claim/$submit` },
                response: { status: "200" },
              }
            : {
                fullUrl: e.focus,
                request: { method: "POST", url: `${base}/Claim/$submit` },
                response: { status: "200" },
              },
        )
      : [];
  return {
    resourceType: "Bundle",
    id: ids.bundle,
    meta: {
      profile: [`${BACKPORT}/backport-subscription-notification-r4`],
    },
    type: "history",
    timestamp: now,
    entry: [status, ...focus],
  };
}
