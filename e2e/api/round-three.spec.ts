import { createHash, randomInt } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, SEEDED_REQUESTS } from "../accounts";
import { signInCookie } from "../action-form";
import { countRows } from "../e2e-database";
import { signedBy, tokenUrl } from "../ehr-clients";
import { hookRequest, submitBundle } from "../../test/ehr-samples";

// Security and reliability, round three (issue 21): each attack of the issue, played against the
// running server, refused or harmless.

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const SIGN = "coverage-order-sign";

let physician = "";
let reviewer = "";
test.beforeAll(async ({ baseURL }) => {
  physician = await signInCookie(baseURL!, ACCOUNTS.physician.email, ACCOUNTS.physician.password);
  reviewer = await signInCookie(baseURL!, ACCOUNTS.reviewer.email, ACCOUNTS.reviewer.password);
});

async function newRequest(baseURL: string, memberId: string): Promise<string> {
  const created = await fetch(`${baseURL}/api/requests`, {
    method: "POST",
    headers: { cookie: physician, "content-type": "application/json" },
    body: JSON.stringify({ ...SEEDED_REQUESTS[0], memberId }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { reference: string }).reference;
}

/**
 * POSTs `body` over a plain connection and reads the answer even when the server answers before
 * the body is all sent and stops reading (as it does for an upload it refuses): the write's reset
 * is not the answer.
 */
function postRaw(
  baseURL: string,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: new URL(baseURL).port,
        method: "POST",
        path,
        headers: { ...headers, "content-length": String(body.length) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.end(body);
  });
}

interface FileLink {
  name: string;
  href: string;
}

const caseOf = async (baseURL: string, reference: string) =>
  (await (
    await fetch(`${baseURL}/api/requests/${reference}`, { headers: { cookie: physician } })
  ).json()) as {
    status: string;
    version: number;
    attachments: FileLink[];
    history: { attachments?: FileLink[] }[];
  };

/** A SMART access token, asked for as a client would. */
async function tokenFor(baseURL: string, scope: string): Promise<string> {
  const response = await fetch(tokenUrl(baseURL), {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await signedBy(baseURL, "memorial", tokenUrl(baseURL)),
      scope,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

test.describe("uploads (item 4)", () => {
  test("a reply to a request that cannot take one is refused before its 50 MB body is read", async ({
    baseURL,
  }) => {
    const reference = await newRequest(baseURL!, "R3-UPLOAD-409");
    const { port } = new URL(baseURL!);
    // Four at once, each declaring 50 MB and sending 1 MB: the 409 comes back while the
    // rest of the body is still unsent, so none of it was waited for or kept.
    const statuses = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<number>((resolve, reject) => {
            const boundary = "r3boundary";
            const head = Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
            );
            const req = http.request(
              {
                host: "127.0.0.1",
                port,
                method: "POST",
                path: `/api/requests/${reference}/reply`,
                headers: {
                  cookie: physician,
                  "content-type": `multipart/form-data; boundary=${boundary}`,
                  "content-length": String(50 * 1024 * 1024),
                },
              },
              (res) => {
                resolve(res.statusCode ?? 0);
                res.resume();
                req.destroy();
              },
            );
            req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
            req.write(head);
            req.write(Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]));
            // The rest is never sent: a server that waited for it would never answer.
          }),
      ),
    );
    expect(statuses).toEqual([409, 409, 409, 409]);
    expect(await caseOf(baseURL!, reference)).toMatchObject({ status: "pending", version: 1 });
  });

  test("100,000 unknown multipart fields get a short 413, and change nothing", async ({
    baseURL,
  }) => {
    const reference = await newRequest(baseURL!, "R3-FIELDS");
    const boundary = "r3fields";
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.from(
      [
        part("expectedVersion", "1"),
        part("days", "3"),
        part("reason", "Waiting for labs."),
        ...Array.from({ length: 100_000 }, (_, i) => part(`unknown${i}`, "x")),
        `--${boundary}--\r\n`,
      ].join(""),
    );
    const { status, text } = await postRaw(baseURL!, `/api/requests/${reference}/extension`, body, {
      cookie: reviewer,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    expect(status).toBe(413);
    expect(text.length).toBeLessThan(1000);
    expect(JSON.parse(text).error).toMatch(/more than 64 parts/);
    expect(await caseOf(baseURL!, reference)).toMatchObject({ status: "pending", version: 1 });
  });

  test("an error body names at most twenty problems, then how many more", async ({ baseURL }) => {
    const reference = await newRequest(baseURL!, "R3-PROBLEMS");
    const body: Record<string, unknown> = { expectedVersion: 1, days: 3, reason: "x" };
    for (let i = 0; i < 500; i++) body[`unknown${i}`] = i;
    const response = await fetch(`${baseURL}/api/requests/${reference}/extension`, {
      method: "POST",
      headers: { cookie: reviewer, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(400);
    const { issues } = (await response.json()) as { issues: { path: string; message: string }[] };
    expect(issues).toHaveLength(21);
    expect(issues.at(-1)).toEqual({ path: "(more)", message: "and 480 more problems" });
  });
});

test.describe("attachment names and pend criteria (items 3 and 7)", () => {
  test("criteria that are not gates the case reached are 400 naming them; names ending in a dot are judged without it; bidi controls are stripped", async ({
    baseURL,
  }) => {
    const reference = await newRequest(baseURL!, "R3-NAMES");
    const pend = (criteria: string[]) =>
      fetch(`${baseURL}/api/requests/${reference}/decision`, {
        method: "POST",
        headers: { cookie: reviewer, "content-type": "application/json" },
        body: JSON.stringify({
          expectedVersion: 1,
          action: "request-information",
          rationale: "Send the report.",
          criteria,
        }),
      });
    const forged = await pend(["not a gate"]);
    expect(forged.status).toBe(400);
    const forgedBody = (await forged.json()) as { issues: { path: string; message: string }[] };
    expect(forgedBody.issues[0]).toMatchObject({
      path: "criteria.0",
      message: expect.stringContaining('"not a gate" is not a criterion this case reached'),
    });
    const long = await pend(Array.from({ length: 50 }, () => "y".repeat(200)));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { issues: unknown[] }).issues).toHaveLength(21);
    expect(await caseOf(baseURL!, reference)).toMatchObject({ status: "pending", version: 1 });
    expect((await pend(["HPC boost indication"])).status).toBe(200);

    const reply = (name: string) => {
      const form = new FormData();
      form.set("expectedVersion", "2");
      form.set("text", "The report.");
      form.append("files", new File([PDF], name, { type: "application/pdf" }));
      return fetch(`${baseURL}/api/requests/${reference}/reply`, {
        method: "POST",
        headers: { cookie: physician },
        body: form,
      });
    };
    for (const name of ["x.html.", "invoice.exe.", "x.svg.", "report.exe. . "]) {
      const refused = await reply(name);
      expect(refused.status, name).toBe(400);
      expect(
        ((await refused.json()) as { issues: { message: string }[] }).issues[0]!.message,
      ).toMatch(/holds a PDF but is named \./);
    }
    expect(await caseOf(baseURL!, reference)).toMatchObject({ status: "more-information" });
    // U+202E would show the reviewer "evilfdp.jpg"; the stored name is what the file is.
    expect((await reply("evil\u202Egpj.pdf")).status).toBe(200);
    const attachments = (await caseOf(baseURL!, reference)).history.flatMap(
      (h) => h.attachments ?? [],
    );
    expect(attachments.map((a) => a.name)).toEqual(["evilgpj.pdf"]);
    const download = await fetch(`${baseURL}${attachments[0]!.href}`, {
      headers: { cookie: reviewer },
    });
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="evilgpj.pdf"; filename*=UTF-8''evilgpj.pdf`,
    );
  });
});

test.describe("forged audit rows (item 8)", () => {
  test("another site's or a sibling subdomain's links write no 'viewed' row and export nothing; the app's own pages and clients without fetch metadata are served and audited", async ({
    baseURL,
  }) => {
    const reference = await newRequest(baseURL!, "R3-SITES");
    const viewed = () =>
      countRows(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'request.viewed' AND request_reference = ?`,
        reference,
      );
    const exported = () =>
      countRows(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'request.exported' AND request_reference = ?`,
        reference,
      );
    const get = (path: string, site?: string) =>
      fetch(`${baseURL}${path}`, {
        headers: { cookie: reviewer, ...(site ? { "sec-fetch-site": site } : {}) },
        redirect: "manual",
      });
    for (const site of ["cross-site", "same-site"]) {
      const page = await get(`/review/${reference}`, site);
      expect(page.status, site).toBe(200);
      const html = await page.text();
      expect(html, site).toContain("You followed a link from another site");
      expect(html, site).not.toContain("Seeded Patient");
      expect((await get(`/api/requests/${reference}`, site)).status, site).toBe(403);
      expect((await get(`/api/requests/${reference}/fhir`, site)).status, site).toBe(403);
      expect((await get(`/requests/${reference}/summary.pdf`, site)).status, site).toBe(403);
    }
    expect([viewed(), exported()]).toEqual([0, 0]);
    for (const site of ["same-origin", "none", undefined]) {
      const page = await get(`/review/${reference}`, site);
      expect(await page.text(), String(site)).toContain("Seeded Patient");
      expect((await get(`/api/requests/${reference}`, site)).status, String(site)).toBe(200);
      expect((await get(`/api/requests/${reference}/fhir`, site)).status, String(site)).toBe(200);
    }
    expect(viewed()).toBe(6);
    expect(exported()).toBe(3);
  });
});

test.describe("EHR integration (items 5, 6, 9)", () => {
  const hook = async (baseURL: string, body: string) =>
    fetch(`${baseURL}/cds-services/${SIGN}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await signedBy(baseURL, "memorial", `${baseURL}/cds-services/${SIGN}`)}`,
        "content-type": "application/json",
      },
      body,
    });
  test("a CDS Hooks call and a PAS Bundle nested 5,000 deep are a 400 that writes nothing", async ({
    baseURL,
  }) => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    // Other tests make launches on the same server at the same time: this call's launch is told
    // apart by its procedure date, which the launch keeps beside the prefilled answer.
    const day = new Date(Date.UTC(1900, 0, 1 + randomInt(36_500))).toISOString().slice(0, 10);
    const call = JSON.stringify(hookRequest()).replaceAll('"2024-11-05"', `"${day}"`);
    const launches = () =>
      countRows(`SELECT count(*) AS n FROM crd_launches WHERE prefill_json LIKE '%"${day}"%'`);
    const hooked = await hook(baseURL!, call.replace(/\}$/, `,"deep":${deep}}`));
    expect(hooked.status).toBe(400);
    expect(JSON.stringify(await hooked.json())).toMatch(/more than 64 levels/);
    expect(launches()).toBe(0);
    // The same call, not nested, makes its launch: the count above would have seen one.
    expect((await hook(baseURL!, call)).status).toBe(200);
    expect(launches()).toBe(1);

    const token = await tokenFor(baseURL!, "system/Claim.write");
    const bundle = JSON.stringify(submitBundle({ appUrl: baseURL!, memberId: "R3-DEEP" }));
    const submitted = await fetch(`${baseURL}/api/fhir/Claim/$submit`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/fhir+json",
      },
      body: bundle.replace(/\}$/, `,"deep":${deep}}`),
    });
    expect(submitted.status).toBe(400);
    expect(countRows(`SELECT count(*) AS n FROM requests WHERE member_id = 'R3-DEEP'`)).toBe(0);
  });

  test("a signed client assertion whose jti is an object, array, boolean or null is a 401, never a 500", async ({
    baseURL,
  }) => {
    for (const jti of [{ a: 1 }, [1], true, null]) {
      const assertion = await signedBy(baseURL!, "memorial", tokenUrl(baseURL!), {
        claims: { jti },
      });
      const response = await fetch(tokenUrl(baseURL!), {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
          client_assertion: assertion,
          scope: "system/Claim.write",
        }),
      });
      expect(response.status, JSON.stringify(jti)).toBe(401);
      expect(((await response.json()) as { error_description: string }).error_description).toMatch(
        /jti/,
      );
    }
  });

  test("an empty scope is invalid_scope, and every refusal is logged with its reason, client and request id, never the assertion", async ({
    baseURL,
  }) => {
    const assertion = await signedBy(baseURL!, "memorial", tokenUrl(baseURL!));
    const response = await fetch(tokenUrl(baseURL!), {
      method: "POST",
      headers: { "x-request-id": "r3-empty-scope" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
        scope: " ",
      }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_scope");
    const log = await readFile(`.e2e-logs/server-${new URL(baseURL!).port}.log`, "utf8");
    const line = log
      .split("\n")
      .find((l) => l.includes('"smart.token.refused"') && l.includes("r3-empty-scope"));
    expect(line).toBeTruthy();
    expect(JSON.parse(line!)).toMatchObject({
      error: "invalid_scope",
      reason: expect.stringMatching(/names no scope/),
      clientId: expect.any(String),
      requestId: "r3-empty-scope",
    });
    expect(log).not.toContain(assertion);
  });

  test("a link unfurler's HEAD, prefetch and preview GET leave the launch for the physician", async ({
    baseURL,
  }) => {
    const hooked = await hook(baseURL!, JSON.stringify(hookRequest()));
    const { cards } = (await hooked.json()) as { cards: { links: { url: string }[] }[] };
    const link = cards[0]!.links[0]!.url;
    const previews: [string, RequestInit][] = [
      ["HEAD", { method: "HEAD" }],
      [
        "Slack's unfurler",
        { headers: { "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)" } },
      ],
      ["Teams' preview", { headers: { "user-agent": "Mozilla/5.0 SkypeUriPreview Preview/0.5" } }],
      ["a ranged fetch", { headers: { range: "bytes=0-32767" } }],
      ["a browser prefetch", { headers: { "sec-purpose": "prefetch" } }],
      ["a prerender", { headers: { "sec-purpose": "prefetch;prerender" } }],
      [
        "Office's link check",
        { method: "HEAD", headers: { "user-agent": "Microsoft Office Existence Discovery" } },
      ],
    ];
    for (const [what, init] of previews) {
      const response = await fetch(link, init);
      expect(response.status, what).toBe(204);
    }
    const opened = await (await fetch(link)).text();
    expect(opened).not.toContain("This link from the EHR was");
    const again = await (await fetch(link)).text();
    expect(again).toContain("This link from the EHR was already opened");
    expect(again).toContain("It was opened on");
  });

  test("/ehr-launch tells a link never made, an opened one and an expired one apart, each with what to do", async ({
    baseURL,
  }) => {
    // No id, an empty id, an id of the wrong shape, a well-formed id this server never made:
    // not found, never "opened already".
    for (const query of ["", "?launch=", "?launch=abc", `?launch=${"A".repeat(43)}`]) {
      const page = await (await fetch(`${baseURL}/ehr-launch${query}`)).text();
      expect(page, query).toContain("This link from the EHR was not found");
      expect(page, query).not.toContain("already opened");
      expect(page, query).toContain("Open the order in the EHR again for a new link");
    }

    // A launch whose 15 minutes are over, found before it was ever opened.
    const hooked = await hook(baseURL!, JSON.stringify(hookRequest()));
    const { cards } = (await hooked.json()) as { cards: { links: { url: string }[] }[] };
    const link = cards[0]!.links[0]!.url;
    const id = new URL(link).searchParams.get("launch")!;
    // Expired a few minutes ago, as a real one would be found: the server's pruning job deletes
    // launches that expired over a day ago, and may run while this test does.
    const expiredAt = new Date(Math.floor(Date.now() / 60_000 - 5) * 60_000).toISOString();
    const shown = `${expiredAt.slice(0, 10)} ${expiredAt.slice(11, 16)} UTC`;
    const db = new Database(".e2e/app.db", { fileMustExist: true });
    try {
      db.prepare(`UPDATE crd_launches SET expires_at = ? WHERE launch_sha256 = ?`).run(
        expiredAt,
        createHash("sha256").update(id).digest("hex"),
      );
    } finally {
      db.close();
    }
    const expired = await (await fetch(link)).text();
    expect(expired).toContain("This link from the EHR has expired");
    // The time as a <time>: in UTC as the server sends it, the browser writes the reader's own.
    expect(expired).toMatch(
      new RegExp(
        `It expired on (<!-- -->)?<time [^>]*>${shown}</time>(<!-- -->)?, before it was opened\\.`,
      ),
    );
    expect(expired).toContain(`title="${shown}"`);
    expect(expired).toContain("Open the order in the EHR again for a new link");
    expect(expired).not.toContain("already opened");
    // Still expired, never "opened", when it is tried again.
    expect(await (await fetch(link)).text()).toContain("This link from the EHR has expired");
  });

  test("CDS Hooks discovery and services answer a CORS preflight from an EHR's page", async ({
    baseURL,
  }) => {
    for (const path of ["/cds-services", `/cds-services/${SIGN}`]) {
      const preflight = await fetch(`${baseURL}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: "https://ehr.example.org",
          "access-control-request-method": path === "/cds-services" ? "GET" : "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
      expect(preflight.status, path).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(preflight.headers.get("access-control-allow-credentials"), path).toBeNull();
    }
    const services = await fetch(`${baseURL}/cds-services/${SIGN}`, { method: "OPTIONS" });
    expect(services.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    const discovery = await fetch(`${baseURL}/cds-services`, {
      headers: { origin: "https://ehr.example.org" },
    });
    expect(discovery.status).toBe(200);
    expect(discovery.headers.get("access-control-allow-origin")).toBe("*");
    // A browser CDS client's call from another origin reaches the service and its JWT check.
    const anonymous = await fetch(`${baseURL}/cds-services/${SIGN}`, {
      method: "POST",
      headers: { origin: "https://ehr.example.org", "content-type": "application/json" },
      body: JSON.stringify(hookRequest()),
    });
    expect(anonymous.status).toBe(401);
  });
});
