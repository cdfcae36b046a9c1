import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { expect, test, type APIResponse } from "@playwright/test";
import { countRows } from "../e2e-database";
import { accessToken, clientKeys, signedBy, tokenUrl } from "../ehr-clients";
import { contentType, hostileBody, hostileJson, hostileString, mutate } from "../hostile";
import { signInCookie } from "../action-form";
import { ACCOUNTS } from "../accounts";
import {
  DLI_AML_RELAPSE,
  hookRequest,
  inquireBundle,
  SAMPLE_PDF,
  submitAttachmentParameters,
  submitBundle,
} from "../../test/ehr-samples";
import { evaluate } from "../../lib/policy/engine/evaluate";
import { coveragePolicy0261 } from "../../lib/policy/packages/coverage-policy-0261";
import { reachedCriteria } from "../../lib/requests/pend-criteria";
import { subscriptionBody } from "../subscription-helpers";

// The hostile-input sweep over the EHR integration's routes: random and adversarial bodies,
// content types, tokens and path segments, and valid requests with one member made hostile.
// Never a 5xx; every refusal is an OperationOutcome (FHIR and hooks) or an OAuth error (token);
// no request is stored for a refused $submit, no file for a refused $submit-attachment.

const RUNS = Number(process.env.SWEEP_RUNS ?? 60);

async function handled(response: APIResponse, what: string) {
  expect(response.status(), what).toBeLessThan(500);
  if (response.status() >= 400) {
    const body = await response.json().catch(() => ({}));
    expect(body.resourceType ?? body.error, what).toBeTruthy();
  }
}

test("EHR routes: hostile input never gets a 5xx, and a refused $submit stores nothing", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const { clientId } = clientKeys(baseURL!, "sweeper");
  const stored = () =>
    countRows(
      `SELECT count(*) AS n FROM requests WHERE physician_id = ?`,
      `smart-client:${clientId}`,
    );
  const before = stored();
  const accepted = new Set<string>();
  const token = await accessToken(request, baseURL!, "sweeper");
  const auth = (type?: string) => ({
    authorization: `Bearer ${token}`,
    ...(type ? { "content-type": type } : {}),
  });

  // Raw bodies of any kind to each route, with any content type.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(
        "/api/auth/token",
        "/cds-services/coverage-order-sign",
        "/api/fhir/Claim/$submit",
        "/api/fhir/Claim/$inquire",
        "/api/fhir/$submit-attachment",
      ),
      hostileBody,
      fc.oneof(contentType, fc.constant("application/x-www-form-urlencoded")),
      async (path, body, type) => {
        const headers = path.startsWith("/cds-services")
          ? {
              authorization: `Bearer ${await signedBy(baseURL!, "sweeper", `${baseURL}${path}`)}`,
              "content-type": type,
            }
          : path.startsWith("/api/fhir")
            ? auth(type)
            : { "content-type": type };
        const response = await request.post(path, { data: body, headers });
        await handled(response, `POST ${path} ${type}`);
        if (path.endsWith("$submit") || path.endsWith("$submit-attachment"))
          expect(
            response.status(),
            "a random body is not a PAS Bundle or CDex Parameters",
          ).not.toBe(200);
      },
    ),
    { numRuns: RUNS * 2 },
  );

  // A pended request of the sweeper's, whose pend item the CDex sweep answers (Final false: it
  // stays pending, each stored part one file).
  const pendMember = `SWEEP-CDEX-${randomUUID().slice(0, 8)}`;
  const pendSubmitted = await request.post("/api/fhir/Claim/$submit", {
    data: submitBundle({ appUrl: baseURL!, memberId: pendMember }),
    headers: auth("application/fhir+json"),
  });
  expect(pendSubmitted.status()).toBe(200);
  const pendReference = (await pendSubmitted.json()).entry[0].resource.preAuthRef as string;
  accepted.add(pendReference);
  const [criterion] = reachedCriteria(evaluate(coveragePolicy0261.versions[0]!, DLI_AML_RELAPSE));
  const pend = await request.post(`/api/requests/${pendReference}/decision`, {
    headers: {
      cookie: await signInCookie(baseURL!, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password),
    },
    data: {
      expectedVersion: 1,
      action: "request-information",
      rationale: "Send the progress note.",
      criteria: [criterion],
      documents: ["11506-3"],
    },
  });
  expect(pend.status()).toBe(200);
  const inquired = await request.post("/api/fhir/Claim/$inquire", {
    data: inquireBundle({ appUrl: baseURL!, memberId: pendMember }),
    headers: auth("application/fhir+json"),
  });
  const trackingId = (await inquired.json()).entry[0].resource.contained[0].identifier[0].value;
  const files = () =>
    countRows(
      `SELECT count(*) AS n FROM attachments WHERE request_id = (SELECT id FROM requests WHERE reference = ?)`,
      pendReference,
    );
  const filesBefore = files();
  let partsAccepted = 0;

  // Valid requests with one member, anywhere in them, made hostile.
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("hook", "$submit", "$inquire", "$submit-attachment"),
      fc.nat(),
      hostileJson,
      async (what, pick, value) => {
        if (what === "hook") {
          const path = "/cds-services/coverage-order-sign";
          const response = await request.post(path, {
            data: mutate(hookRequest(), pick, value),
            headers: {
              authorization: `Bearer ${await signedBy(baseURL!, "sweeper", `${baseURL}${path}`)}`,
            },
          });
          return handled(response, `hook with a hostile member #${pick}`);
        }
        if (what === "$submit-attachment") {
          const response = await request.post("/api/fhir/$submit-attachment", {
            data: mutate(
              submitAttachmentParameters({
                trackingId,
                memberId: pendMember,
                final: false,
                documents: [{ title: `note-${pick}.pdf`, data: SAMPLE_PDF }],
              }),
              pick,
              value,
            ),
            headers: auth("application/fhir+json"),
          });
          if (response.status() === 200) partsAccepted++;
          return handled(response, `$submit-attachment with a hostile member #${pick}`);
        }
        const body =
          what === "$submit"
            ? submitBundle({ appUrl: baseURL!, memberId: `SWEEP-${randomUUID().slice(0, 8)}` })
            : inquireBundle({ appUrl: baseURL!, memberId: "SWEEP-0" });
        const response = await request.post(`/api/fhir/Claim/${what}`, {
          data: mutate(body, pick, value),
          headers: auth("application/fhir+json"),
        });
        await handled(response, `${what} with a hostile member #${pick}`);
        if (what === "$submit" && response.status() === 200)
          accepted.add((await response.json()).entry[0].resource.preAuthRef);
      },
    ),
    { numRuns: RUNS * 3 },
  );

  // Tokens, assertions and path segments.
  await fc.assert(
    fc.asyncProperty(hostileString, async (junk) => {
      for (const response of [
        await request
          .post("/api/fhir/Claim/$inquire", {
            data: inquireBundle({ appUrl: baseURL! }),
            headers: {
              authorization: `Bearer ${junk.slice(0, 4000)}`,
              "content-type": "application/fhir+json",
            },
          })
          .catch(() => undefined),
        await request.post("/api/auth/token", {
          form: {
            grant_type: "client_credentials",
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: junk,
            scope: junk,
          },
        }),
        await request.post(
          `/cds-services/${encodeURIComponent(junk.replace(/[\uD800-\uDFFF]/g, "x")).slice(0, 2000)}`,
          {
            data: hookRequest(),
          },
        ),
      ])
        if (response) await handled(response, `junk ${JSON.stringify(junk.slice(0, 40))}`);
    }),
    { numRuns: RUNS },
  );
  expect(
    (await request.post(tokenUrl(baseURL!).replace(baseURL!, ""), { form: {} })).status(),
  ).toBe(400);

  expect(stored() - before, "requests stored by the sweep").toBe(accepted.size);
  // A retry of the same bytes is answered 200 and stores nothing: at most one file per 200.
  expect(files() - filesBefore, "files stored by the CDex sweep").toBeLessThanOrEqual(
    partsAccepted,
  );
});

test("Subscription routes: hostile input never gets a 5xx, and a refused one stores nothing", async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const { clientId } = clientKeys(baseURL!, "otherSubscriber");
  const stored = () =>
    countRows(`SELECT count(*) AS n FROM subscriptions WHERE client_id = ?`, clientId);
  const before = stored();
  const token = await accessToken(request, baseURL!, "otherSubscriber");
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/fhir+json" };
  let accepted = 0;
  // Nothing listens on port 9: a Subscription that is accepted fails its handshake (status off).
  const body = subscriptionBody({ endpoint: "http://127.0.0.1:9/notify", npi: "1245319599" });
  await fc.assert(
    fc.asyncProperty(fc.nat(), hostileJson, async (pick, value) => {
      const response = await request.post("/api/fhir/Subscription", {
        data: mutate(body, pick, value),
        headers,
      });
      await handled(response, `Subscription with a hostile member #${pick}`);
      if (response.status() === 201) {
        accepted++;
        expect((await response.json()).status).toBe("off");
      }
    }),
    { numRuns: RUNS * 2 },
  );
  await fc.assert(
    fc.asyncProperty(hostileBody, contentType, async (raw, type) => {
      const response = await request.post("/api/fhir/Subscription", {
        data: raw,
        headers: { ...headers, "content-type": type },
      });
      await handled(response, `Subscription body ${type}`);
      expect(response.status()).not.toBe(201);
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(hostileString, async (junk) => {
      const id = encodeURIComponent(junk.replace(/[\uD800-\uDFFF]/g, "x")).slice(0, 2000);
      for (const response of [
        await request.get(`/api/fhir/Subscription/${id}`, { headers }),
        await request.get(`/api/fhir/Subscription/${id}/$status`, { headers }),
        await request.put(`/api/fhir/Subscription/${id}`, { data: body, headers }),
        await request.delete(`/api/fhir/Subscription/${id}`, { headers }),
      ])
        await handled(response, `Subscription/${JSON.stringify(junk.slice(0, 40))}`);
    }),
    { numRuns: RUNS },
  );
  expect(stored() - before, "Subscriptions stored by the sweep").toBe(accepted);
});
