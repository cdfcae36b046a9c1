import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { countRows } from "./e2e-database";
import { ACCOUNTS } from "./accounts";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./wizard-helpers";

// The sign-in throttle's two ways past a storm of failures on an account (README, "Sign-in
// throttling"), in a real Chromium: the device cookie a sign-in sets, and an administrator's
// one-time unlock link issued offline by npm run user:unlock.

test("a sign-in gives the browser its signed device cookie: HttpOnly, SameSite=Lax, for the whole site", async ({
  page,
}) => {
  const { email, password, name } = ACCOUNTS.otherReviewer;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  const device = (await page.context().cookies()).find((c) => c.name === "cp0261.device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  // Three signed parts, and no account named in it.
  expect(device!.value).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(device!.value.split(".")[1]!, "base64url").toString());
  expect(JSON.stringify(claims)).not.toContain(email);
  expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "sub"]);
});

test("an unlock link from the administrator's script signs a user in once, in a new browser", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { email, password, name } = ACCOUNTS.otherPhysician;
  // The administrator, on the server: no mail is needed, the link is printed.
  const printed = execFileSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/user-unlock.ts", "--email", email],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "file:.e2e/app.db", APP_URL: baseURL },
    },
  );
  const link = /(http\S+\/sign-in\?unlock=[\w-]{43})/.exec(printed)?.[1];
  expect(link, printed).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByText("You opened a sign-in link from your administrator")).toBeVisible();
  await expectNoAxeViolations(page, "/sign-in with an unlock link");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();

  // Spent by that sign-in, which the audit trail records as let in by a link.
  const account = createHash("sha256").update(email).digest("hex");
  expect(
    countRows(
      `SELECT count(*) AS n FROM sign_in_unlocks WHERE account_key = ? AND used_at IS NOT NULL`,
      account,
    ),
  ).toBeGreaterThanOrEqual(1);
  expect(
    countRows(
      `SELECT count(*) AS n FROM audit_events WHERE subject = ? AND action = 'auth.sign-in.success' AND detail_json LIKE '%unlockLink%'`,
      account,
    ),
  ).toBeGreaterThanOrEqual(1);
});
