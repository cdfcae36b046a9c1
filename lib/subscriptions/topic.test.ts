import { describe, expect, it } from "vitest";
import { grants } from "@/lib/smart/scopes";
import {
  endpointProblem,
  FILTER_CRITERIA,
  filterIdentifier,
  notificationBundle,
  PAS_TOPIC,
  PAYLOAD_CONTENT,
  readSubscription,
  subscriptionResource,
  type StoredSubscription,
} from "./topic";
import { r4Errors } from "@/test/r4-errors";

// Issue 20, item 3: the PAS Subscription as a client sends it, and the notifications' R4 shapes.

const BASE = "https://pa.example.org/api/fhir";
const subscription = (
  more: Record<string, unknown> = {},
  channel: Record<string, unknown> = {},
) => ({
  resourceType: "Subscription",
  status: "requested",
  reason: "PAS responses",
  criteria: PAS_TOPIC,
  _criteria: { extension: [{ url: FILTER_CRITERIA, valueString: "org-identifier=1234567893" }] },
  channel: {
    type: "rest-hook",
    endpoint: "https://ehr.example.org/notify",
    payload: "application/fhir+json",
    _payload: { extension: [{ url: PAYLOAD_CONTENT, valueCode: "full-resource" }] },
    header: ["Authorization: Bearer abc"],
    ...channel,
  },
  ...more,
});
const problems = (body: unknown) => {
  const read = readSubscription(body);
  return read.ok ? [] : read.problems.issues.map((i) => i.diagnostics);
};

describe("a PAS Subscription as a client sends it", () => {
  it("reads the topic, the filter's NPI, the rest-hook channel, its content and headers", () => {
    expect(readSubscription(subscription())).toEqual({
      ok: true,
      value: {
        status: "requested",
        orgIdentifier: "1234567893",
        endpoint: "https://ehr.example.org/notify",
        headers: ["Authorization: Bearer abc"],
        content: "full-resource",
        reason: "PAS responses",
        end: null,
      },
    });
  });

  it("takes the filter as PAS 2.2 and 2.0.1 spell it, the NPI alone or with its system", () => {
    for (const value of [
      "org-identifier=1234567893",
      "orgIdentifier=1234567893",
      "Bundle?orgIdentifier=1234567893",
      "org-identifier=http://hl7.org/fhir/sid/us-npi|1234567893",
      "org-identifier=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Fus-npi%7C1234567893",
    ])
      expect(filterIdentifier(value)).toBe("1234567893");
    for (const value of ["patient=123", "org-identifier=urn:oid:1|1234567893", "org-identifier=12"])
      expect(filterIdentifier(value)).toBeNull();
  });

  it("says where each part is wrong", () => {
    expect(problems(subscription({ criteria: "Claim?status=active" }))).toEqual([
      expect.stringMatching(/^Subscription\.criteria: must be the PAS topic/),
    ]);
    expect(problems(subscription({ _criteria: undefined }))).toEqual([
      expect.stringMatching(/^Subscription\._criteria\.extension: needs exactly one/),
    ]);
    expect(problems(subscription({}, { type: "websocket" }))).toEqual([
      expect.stringMatching(/^Subscription\.channel\.type: must be rest-hook/),
    ]);
    expect(
      problems(
        subscription(
          {},
          { _payload: { extension: [{ url: PAYLOAD_CONTENT, valueCode: "empty" }] } },
        ),
      ),
    ).toEqual([expect.stringMatching(/id-only or full-resource/)]);
    expect(problems(subscription({}, { header: ["Host: evil.example"] }))).toEqual([
      expect.stringMatching(/^Subscription\.channel\.header\[0\]/),
    ]);
    expect(problems(subscription({}, { header: ["X-A: b\r\nX-B: c"] }))).toHaveLength(1);
    expect(problems({ resourceType: "Patient" })).toHaveLength(1);
  });

  it("sends only to https on a registered host, http only on loopback, never with a user in the URL", () => {
    const hosts = ["ehr.example.org", "127.0.0.1"];
    expect(endpointProblem("https://ehr.example.org:8443/n", hosts)).toBeNull();
    expect(endpointProblem("http://127.0.0.1:4000/n", hosts)).toBeNull();
    expect(endpointProblem("http://ehr.example.org/n", hosts)).toMatchObject({ status: 400 });
    expect(endpointProblem("https://ehr.example.org.evil.example/n", hosts)).toMatchObject({
      status: 403,
    });
    expect(endpointProblem("https://a@ehr.example.org/n", hosts)).toMatchObject({ status: 400 });
    expect(endpointProblem("https://169.254.169.254/latest", hosts)).toMatchObject({ status: 403 });
  });
});

describe("the Subscription scopes, SMART v1 and v2", () => {
  it("v1 read is v2 rs, v1 write is v2 cud; reading never grants writing", () => {
    expect(grants(["system/Subscription.rs"], "system/Subscription.read")).toBe(true);
    expect(grants(["system/Subscription.cud"], "system/Subscription.write")).toBe(true);
    expect(grants(["system/Subscription.write"], "system/Subscription.cud")).toBe(true);
    expect(grants(["system/Subscription.rs"], "system/Subscription.write")).toBe(false);
    expect(grants(["system/Subscription.write"], "system/Subscription.read")).toBe(false);
  });
});

describe("the notifications' R4 shapes (Subscriptions Backport)", () => {
  const s: StoredSubscription = {
    id: "sub-1",
    status: "active",
    orgIdentifier: "1234567893",
    endpoint: "https://ehr.example.org/notify",
    headers: [],
    content: "full-resource",
    reason: null,
    end: null,
    error: null,
    eventsSinceStart: 3,
  };
  const ids = { bundle: "b-1", status: "00000000-0000-4000-8000-000000000001" };

  it("a handshake and an event: a history Bundle, the status first, then the PAS response; valid R4", () => {
    const handshake = notificationBundle(BASE, s, "handshake", [], ids, "2026-12-05T03:00:00Z");
    expect(handshake.type).toBe("history");
    expect(handshake.entry).toHaveLength(1);
    expect(r4Errors(handshake)).toEqual([]);
    const response = {
      resourceType: "Bundle" as const,
      type: "collection" as const,
      entry: [{ fullUrl: "urn:uuid:cr", resource: { resourceType: "ClaimResponse" as const } }],
    };
    const event = notificationBundle(
      BASE,
      s,
      "event-notification",
      [
        {
          eventNumber: 3,
          timestamp: "2026-12-05T03:00:00Z",
          focus: "urn:uuid:cr",
          response: { url: "urn:uuid:r", bundle: response as never },
        },
      ],
      ids,
      "2026-12-05T03:00:01Z",
    );
    const status = event.entry![0]!.resource as { parameter: unknown[] };
    expect(status.parameter).toEqual(
      expect.arrayContaining([
        { name: "topic", valueCanonical: PAS_TOPIC },
        { name: "type", valueCode: "event-notification" },
        { name: "events-since-subscription-start", valueString: "3" },
        {
          name: "notification-event",
          part: [
            { name: "event-number", valueString: "3" },
            { name: "timestamp", valueInstant: "2026-12-05T03:00:00Z" },
            { name: "focus", valueReference: { reference: "urn:uuid:cr" } },
          ],
        },
      ]),
    );
    expect(event.entry![0]!.request!.url).toBe(`${BASE}/Subscription/sub-1/$status`);
    expect(event.entry![1]!.resource).toEqual(response);
    // id-only: the ClaimResponse's fullUrl, no resource.
    const idOnly = notificationBundle(
      BASE,
      { ...s, content: "id-only" },
      "event-notification",
      [{ eventNumber: 3, timestamp: "2026-12-05T03:00:00Z", focus: "urn:uuid:cr" }],
      ids,
      "2026-12-05T03:00:01Z",
    );
    expect(idOnly.entry![1]).toMatchObject({ fullUrl: "urn:uuid:cr" });
    expect(idOnly.entry![1]!.resource).toBeUndefined();
    expect(r4Errors(idOnly)).toEqual([]);
  });

  it("the Subscription as GET shows it is valid R4 with the PAS profile", () => {
    const resource = subscriptionResource(s);
    expect(resource.meta.profile).toEqual([
      "http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription",
    ]);
    expect(r4Errors(resource)).toEqual([]);
  });
});
