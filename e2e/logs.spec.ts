import { readFile } from "node:fs/promises";
import { FUTURE_SERVICE_DATE } from "../test/dates";
import { ACCOUNTS } from "./accounts";
import { expect, test } from "./fixtures";
import { DLI_CML_RELAPSE, openWizard, walk } from "./wizard-helpers";
import { recordDecision, signIn, submitRequestForm } from "./workspace-helpers";

// Values no code path would write by accident: if one shows up in the log, patient data leaked.
const MARKERS = {
  name: "Qzxmarker Vantablackova",
  birthDate: "1931-02-03",
  memberId: "MBR-QZX-90417",
  npi: "1234567893",
  serviceDate: FUTURE_SERVICE_DATE,
  notes: "QZX-NOTE-7731 relapse after transplant",
};
const RATIONALE = "QZX-RATIONALE-5521 not supported by the chimerism report";

test("the server log: JSON lines per request and per audit event, never patient data, passwords or tokens", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const physician = await browser.newPage();
  await openWizard(physician);
  await walk(physician, DLI_CML_RELAPSE);
  await signIn(physician, "physician", "/requests/new");
  const reference = await submitRequestForm(physician, MARKERS);

  const reviewer = await browser.newPage();
  // A medical director: only they deny.
  await signIn(reviewer, "director", "/review");
  await reviewer.getByLabel("Reference or member ID").fill(MARKERS.memberId);
  await reviewer.getByRole("button", { name: "Search" }).click();
  await reviewer
    .getByRole("region", { name: "Search" })
    .getByRole("link", { name: reference })
    .click();
  await recordDecision(reviewer, /^Deny/, RATIONALE);

  const tokens = [
    ...(await physician.context().cookies()),
    ...(await reviewer.context().cookies()),
  ].map((c) => decodeURIComponent(c.value).split(".")[0]!);
  const secrets = [
    ...Object.values(MARKERS).filter((v) => v !== MARKERS.npi && v !== MARKERS.serviceDate),
    "Qzxmarker",
    "QZX-NOTE-7731",
    RATIONALE,
    ACCOUNTS.physician.password,
    ACCOUNTS.director.password,
    ...tokens,
  ];

  const port = new URL(baseURL!).port;
  const readLog = async () => {
    const lines = (await readFile(`.e2e-logs/server-${port}.log`, "utf8")).trim().split("\n");
    return { lines, entries: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  };
  // A request's line is written when its response has finished, which can be after the browser
  // has shown the response: wait until every audit line of the case has its request's line.
  const tied = (entries: Record<string, unknown>[]) => {
    const requestIds = new Set(entries.filter((e) => e.req && e.res).map((e) => e.requestId));
    return entries
      .filter((e) => e.event === "audit" && e.reference === reference)
      .filter((e) => !requestIds.has(e.requestId))
      .map((e) => e.action);
  };
  // The checks below read the snapshot in which every audit line had its request's line: a later
  // read may hold the "viewed" line of a page still rendering (the refresh after the decision).
  let snapshot: Awaited<ReturnType<typeof readLog>> | undefined;
  await expect
    .poll(
      async () => {
        snapshot = await readLog();
        return tied(snapshot.entries);
      },
      { timeout: 15_000, message: "audit lines without their request's line" },
    )
    .toEqual([]);
  const { lines, entries } = snapshot!;
  for (const line of lines)
    for (const secret of secrets) expect(line, "a log line holds a secret").not.toContain(secret);

  // One line per request, with its id, method, path, status and duration.
  const requests = entries.filter((e) => e.req && e.res);
  const submission = requests.find(
    (e) =>
      (e.req as { method: string; path: string }).path === "/api/requests" &&
      (e.req as { method: string }).method === "POST" &&
      (e.res as { statusCode: number }).statusCode === 201,
  );
  expect(submission).toMatchObject({
    level: 30,
    requestId: expect.any(String),
    req: { method: "POST", path: "/api/requests" },
    res: { statusCode: 201 },
    responseTime: expect.any(Number),
  });
  // One line per audit event, tied to the request that caused it.
  const audits = entries.filter((e) => e.event === "audit" && e.reference === reference);
  expect(audits.map((e) => e.action)).toEqual(
    expect.arrayContaining(["request.submitted", "request.viewed", "request.denied"]),
  );
});
