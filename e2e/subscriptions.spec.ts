import { randomUUID } from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { countRows } from "./e2e-database";
import { accessToken, clientKeys, EHR_CLIENTS } from "./ehr-clients";
import { expect, test } from "./fixtures";
import { startListener } from "./rest-hook-listener";
import { bearer, createSubscription, subscriptionBody } from "./subscription-helpers";
import { signIn } from "./workspace-helpers";
import { FUTURE_AUTHORIZATION_END, FUTURE_SERVICE_DATE } from "../test/dates";
import { submitBundle } from "../test/ehr-samples";

// Issue 20, item 3, against next start, on SQLite (project chromium) and PostgreSQL
// (chromium-postgres): an EHR subscribes to the PAS topic for its provider, gets the handshake,
// and is told of the reviewer's decision without polling: the PAS response with A1 and the
// authorization period (full-resource), or the ClaimResponse's id (id-only). Refusals store
// nothing. The server killed mid-delivery: e2e/subscription-restart.spec.ts.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PAS = "http://hl7.org/fhir/us/davinci-pas/StructureDefinition";
const NPI = EHR_CLIENTS.subscriber.npis[0];
/** The samples' NPI: registered to other clients, never to the subscriber. */
const NOT_ITS_NPI = "1234567893";

async function submit(request: APIRequestContext, baseURL: string, token: string) {
  const submitted = await request.post("/api/fhir/Claim/$submit", {
    data: submitBundle({
      appUrl: baseURL,
      memberId: `SUB-${randomUUID().slice(0, 8)}`,
      npi: NPI,
      serviceDate: FUTURE_SERVICE_DATE,
    }),
    headers: bearer(token),
  });
  expect(submitted.status()).toBe(200);
  return (await submitted.json()).entry[0].resource.preAuthRef as string;
}

async function approve(reviewer: Page, reference: string) {
  const approved = await reviewer.request.post(`/api/requests/${reference}/decision`, {
    data: { expectedVersion: 1, action: "approve", rationale: "Meets the policy." },
  });
  expect(approved.status()).toBe(200);
}

const subscriptionsOf = (clientId: string) =>
  countRows(`SELECT count(*) AS n FROM subscriptions WHERE client_id = ?`, clientId);

// One after the other: the refusals count the subscriber's stored Subscriptions, which the loop
// test creates.
test.describe.configure({ mode: "serial" });

test.describe("PAS Subscriptions (issue 20, item 3)", () => {
  test("$submit, subscribe (handshake), the reviewer approves: the EHR is told with A1 and the authorization period, full-resource and id-only; the case history says so", async ({
    page: reviewer,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const listener = await startListener();
    try {
      const token = await accessToken(request, baseURL!, "subscriber");
      const reference = await submit(request, baseURL!, token);

      const created = await createSubscription(
        request,
        token,
        subscriptionBody({
          endpoint: listener.url,
          npi: NPI,
          headers: ["Authorization: Bearer ehr-secret"],
        }),
      );
      expect(created.status()).toBe(201);
      const full = (await created.json()) as Json;
      expect(full.status).toBe("active");
      expect(created.headers()["location"]).toBe(`${baseURL}/api/fhir/Subscription/${full.id}`);
      const handshake = await listener.next((n) => n.subscription.endsWith(`/${full.id}`));
      expect(handshake).toMatchObject({ type: "handshake", eventsSinceStart: "0" });
      expect(handshake.bundle.type).toBe("history");
      expect(handshake.headers.authorization).toBe("Bearer ehr-secret");
      expect(handshake.headers["content-type"]).toBe("application/fhir+json");

      const idOnlyCreated = await createSubscription(
        request,
        token,
        subscriptionBody({ endpoint: listener.url, npi: NPI, content: "id-only" }),
      );
      expect(idOnlyCreated.status()).toBe(201);
      const idOnly = (await idOnlyCreated.json()) as Json;
      await listener.next((n) => n.type === "handshake" && n.subscription.endsWith(idOnly.id));

      const read = await request.get(`/api/fhir/Subscription/${full.id}`, {
        headers: bearer(token),
      });
      expect(read.status()).toBe(200);
      expect(await read.json()).toMatchObject({
        id: full.id,
        status: "active",
        criteria: "http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic",
        channel: { type: "rest-hook", endpoint: listener.url },
      });

      // A SMART v2 token (.rs) reads it as the v1 one does; it cannot write.
      const v2 = await accessToken(request, baseURL!, "subscriber", "system/Subscription.rs");
      expect(
        (await request.get(`/api/fhir/Subscription/${full.id}`, { headers: bearer(v2) })).status(),
      ).toBe(200);
      expect(
        (
          await request.delete(`/api/fhir/Subscription/${full.id}`, { headers: bearer(v2) })
        ).status(),
      ).toBe(403);

      await signIn(reviewer, "reviewer");
      await approve(reviewer, reference);
      const { authorization } = await (
        await reviewer.request.get(`/api/requests/${reference}`)
      ).json();

      const event = await listener.next(
        (n) => n.type === "event-notification" && n.subscription.endsWith(full.id),
      );
      expect(event.eventNumber).toBe(1);
      expect(event.eventsSinceStart).toBe("1");
      const response = event.bundle.entry[1].resource as Json;
      expect(response.resourceType).toBe("Bundle");
      const claimResponse = response.entry[0].resource as Json;
      expect(claimResponse).toMatchObject({
        resourceType: "ClaimResponse",
        preAuthRef: reference,
        outcome: "complete",
      });
      const action = claimResponse.item[0].adjudication[0].extension.find(
        (e: Json) => e.url === `${PAS}/extension-reviewAction`,
      );
      expect(action.extension[0].valueCodeableConcept.coding[0].code).toBe("A1");
      expect(action.extension.find((e: Json) => e.url === "number").valueString).toBe(
        authorization.number,
      );
      expect(claimResponse.item[0].extension).toContainEqual({
        url: `${PAS}/extension-itemPreAuthPeriod`,
        valuePeriod: { start: FUTURE_SERVICE_DATE, end: FUTURE_AUTHORIZATION_END },
      });
      // The status entry's focus is the ClaimResponse in that Bundle.
      const focus = event.bundle.entry[0].resource.parameter
        .find((p: Json) => p.name === "notification-event")
        .part.find((p: Json) => p.name === "focus").valueReference.reference;
      expect(focus).toBe(response.entry[0].fullUrl);

      const idEvent = await listener.next(
        (n) => n.type === "event-notification" && n.subscription.endsWith(idOnly.id),
      );
      expect(idEvent.eventNumber).toBe(1);
      expect(idEvent.bundle.entry[1].fullUrl).toBe(focus);
      expect(idEvent.bundle.entry[1].resource).toBeUndefined();

      const status = await request.get(`/api/fhir/Subscription/${full.id}/$status`, {
        headers: bearer(token),
      });
      expect(status.status()).toBe(200);
      expect((await status.json()).entry[0].resource.parameter).toEqual(
        expect.arrayContaining([
          { name: "type", valueCode: "query-status" },
          { name: "events-since-subscription-start", valueString: "1" },
        ]),
      );

      // The reviewer sees it in the case's history, in words, naming the EHR.
      await reviewer.goto(`/review/${reference}`);
      await expect(
        reviewer
          .getByText(
            /Status sent to the EHR's subscription — Subscriber EHR \(EHR client via PAS\)/,
          )
          .first(),
      ).toBeVisible();

      // A deletion stops it: gone for the client, nothing more is sent.
      for (const id of [full.id, idOnly.id]) {
        const deleted = await request.delete(`/api/fhir/Subscription/${id}`, {
          headers: bearer(token),
        });
        expect(deleted.status()).toBe(204);
        expect(
          (await request.get(`/api/fhir/Subscription/${id}`, { headers: bearer(token) })).status(),
        ).toBe(404);
      }
      const before = listener.received.length;
      await approve(reviewer, await submit(request, baseURL!, token));
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(listener.received.length).toBe(before);
    } finally {
      await listener.close();
    }
  });

  test("refused with nothing stored: no Subscription scope, a filter for an NPI not registered to the client, an endpoint host not registered, http off loopback; another client's is not found", async ({
    request,
    baseURL,
  }, testInfo) => {
    const listener = await startListener();
    try {
      const token = await accessToken(request, baseURL!, "subscriber");
      const { clientId } = clientKeys(baseURL!, "subscriber");
      const sqlite = testInfo.project.name === "chromium";
      const storedBefore = sqlite ? subscriptionsOf(clientId) : 0;
      const refusals: [string, unknown, number, RegExp][] = [
        [
          await accessToken(request, baseURL!, "memorial"),
          subscriptionBody({ endpoint: listener.url, npi: NPI }),
          403,
          /needs the scope system\/Subscription\.write/,
        ],
        [
          token,
          subscriptionBody({ endpoint: listener.url, npi: NOT_ITS_NPI }),
          403,
          /NPI 1234567893 is not registered to this client/,
        ],
        [
          token,
          subscriptionBody({ endpoint: "https://ehr.example.org/notify", npi: NPI }),
          403,
          /is on ehr\.example\.org, which is not registered/,
        ],
        [
          token,
          subscriptionBody({ endpoint: "http://ehr.example.org/notify", npi: NPI }),
          400,
          /must be https/,
        ],
        [
          token,
          { ...subscriptionBody({ endpoint: listener.url, npi: NPI }), criteria: "Claim?" },
          400,
          /Subscription\.criteria: must be the PAS topic/,
        ],
      ];
      for (const [who, body, status, diagnostics] of refusals) {
        const refused = await createSubscription(request, who, body);
        expect(refused.status()).toBe(status);
        const outcome = await refused.json();
        expect(outcome.resourceType).toBe("OperationOutcome");
        expect(outcome.issue[0].diagnostics).toMatch(diagnostics);
      }
      // No handshake went anywhere, and nothing was stored.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(listener.received).toEqual([]);
      if (sqlite) expect(subscriptionsOf(clientId)).toBe(storedBefore);

      // One that is the client's own is not found by another client.
      const mine = await createSubscription(
        request,
        token,
        subscriptionBody({ endpoint: listener.url, npi: NPI }),
      );
      expect(mine.status()).toBe(201);
      const { id } = await mine.json();
      const other = await accessToken(request, baseURL!, "otherSubscriber");
      for (const response of [
        await request.get(`/api/fhir/Subscription/${id}`, { headers: bearer(other) }),
        await request.get(`/api/fhir/Subscription/${id}/$status`, { headers: bearer(other) }),
        await request.put(`/api/fhir/Subscription/${id}`, {
          headers: bearer(other),
          data: { ...subscriptionBody({ endpoint: listener.url, npi: NPI }), id },
        }),
        await request.delete(`/api/fhir/Subscription/${id}`, { headers: bearer(other) }),
      ])
        expect(response.status()).toBe(404);
      expect(
        (await request.delete(`/api/fhir/Subscription/${id}`, { headers: bearer(token) })).status(),
      ).toBe(204);
    } finally {
      await listener.close();
    }
  });
});
