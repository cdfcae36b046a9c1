import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { promisify } from "node:util";
import { SEEDED_REQUESTS } from "./accounts";
import { expect, test } from "./fixtures";
import { startInstance, waitFor, type Instance } from "./next-instance";
import { expectNoAxeViolations } from "./wizard-helpers";

// Rule-based approval is off by default (the suite's own server runs without it): this spec
// starts one more `next start` with RULE_APPROVAL=1 and every rule approval drawn for audit, on a
// fresh SQLite file, with accounts made by `npm run user:add` as an administrator would.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 12;
const DIR = `.e2e-rule-approval-${PORT}`;
const DATABASE_URL = `file:${DIR}/app.db`;
const PASSWORD = "rule-approval-pass";
const run = promisify(execFile);

test.describe.configure({ mode: "serial" });

let instance: Instance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rmSync(DIR, { recursive: true, force: true });
  for (const [email, role] of [
    ["doctor@rule.test", "physician"],
    ["nurse@rule.test", "reviewer"],
  ])
    await run(
      "npx",
      [
        "tsx",
        "--conditions=react-server",
        "scripts/user-add.ts",
        "--email",
        email!,
        "--name",
        role === "physician" ? "Dr. Rule" : "Nurse Rule",
        "--role",
        role!,
      ],
      { env: { ...process.env, DATABASE_URL, USER_PASSWORD: PASSWORD } },
    );
  instance = startInstance(PORT, {
    DATABASE_URL,
    AUTH_SECRET: "rule-approval-only-secret-rule-0261",
    APP_URL: `http://127.0.0.1:${PORT}`,
    RULE_APPROVAL: "1",
    RULE_APPROVAL_AUDIT_PERCENT: "100",
    LOG_LEVEL: "warn",
  });
  await waitFor(instance.base, "/api/health/ready", 200, 120_000);
});

test.afterAll(async () => {
  await instance?.stop();
  rmSync(DIR, { recursive: true, force: true });
});

test("with RULE_APPROVAL=1 an attested, medically necessary submission is approved by rule and drawn for audit; nothing else is", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const context = await browser.newContext({ baseURL: instance.base });
  const doctor = await context.newPage();
  await doctor.goto("/sign-in");
  await doctor.getByLabel("Email").fill("doctor@rule.test");
  await doctor.getByLabel("Password").fill(PASSWORD);
  await doctor.getByRole("button", { name: "Sign in" }).click();
  await expect(doctor.getByText("Signed in as Dr. Rule")).toBeVisible();

  const submit = async (memberId: string, more: object) => {
    const response = await doctor.request.post("/api/requests", {
      data: { ...SEEDED_REQUESTS[0]!, memberId, ...more },
    });
    expect(response.status()).toBe(201);
    return (await response.json()) as { reference: string; status: string };
  };
  const approved = await submit("RULE-1", { attestation: true });
  expect(approved.status).toBe("approved");
  const stored = await (await doctor.request.get(`/api/requests/${approved.reference}`)).json();
  expect(stored).toMatchObject({
    status: "approved",
    authorization: {
      number: expect.stringMatching(/^PA-\d{4}-\d{8}$/),
      cpt: "38243",
      units: 1,
      byRule: true,
      issuedBy: "the policy's rules (no person decided)",
    },
    history: [{ kind: "decision", action: "approve", reviewActionCode: "A1" }],
  });
  // Without the attestation, or for a reading that is not medically necessary: a reviewer decides.
  expect((await submit("RULE-2", {})).status).toBe("pending");
  expect(
    (
      await submit("RULE-3", {
        attestation: true,
        answers: { ...SEEDED_REQUESTS[0]!.answers, priorTransplant: "none" },
      })
    ).status,
  ).toBe("pending");
  // The form asks for the attestation only where a rule may approve.
  await doctor.goto("/requests/new");
  await expect(
    doctor.getByText(/questionnaire is not finished|I attest that/).first(),
  ).toBeVisible();

  // Every rule approval drawn (100%): the nurse audits it, once.
  const nurse = await context.newPage();
  await nurse.goto("/sign-in?next=%2Freview%2Frule-audits");
  await nurse.getByLabel("Email").fill("nurse@rule.test");
  await nurse.getByLabel("Password").fill(PASSWORD);
  await nurse.getByRole("button", { name: "Sign in" }).click();
  await expect(nurse.getByRole("heading", { name: "Rule approvals to audit" })).toBeVisible();
  await expect(nurse.getByText("Rule-based approval is on.")).toBeVisible();
  const audit = nurse.getByRole("form", { name: `Audit ${approved.reference}` });
  await audit.getByLabel(/^The rule was right/).check();
  await audit.getByLabel(/^Note/).fill("The marrow report confirms relapse after allogeneic HSCT.");
  await audit.getByRole("button", { name: "Record finding" }).click();
  await expect(nurse.getByText("Finding recorded.")).toBeVisible();
  await nurse.reload();
  await expect(
    nurse.getByText(/Audited .* by Nurse Rule \(reviewer\): the rule was right\./),
  ).toBeVisible();
  await expectNoAxeViolations(nurse, "the rule audit list");
  // The case's own trail says who approved it, under which rules.
  await nurse.goto(`/review/${approved.reference}`);
  await expect(
    nurse.getByText(/— Approved by rule at submission — the policy's rules \(no person decided\)/),
  ).toBeVisible();
  await expect(nurse.getByText(/— Rule approval audited — Nurse Rule \(reviewer\)/)).toBeVisible();
  await context.close();
});
