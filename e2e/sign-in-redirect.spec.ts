import { hiddenActionFields } from "./action-form";
import { ACCOUNTS } from "./accounts";
import { expect, test } from "./fixtures";

// Return paths a phishing link would use: Chromium drops the tab or newline, reads "\" as "/",
// and would land on evil.example after a correct password.
const HOSTILE_NEXT = [
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "/\r\n/evil.example/phish",
  "/\\evil.example/phish",
  "/\t\\evil.example/phish",
  "//evil.example/phish",
  "https://evil.example/phish",
  "/\u3000/evil.example",
  "/review\u3000x",
  "/review\nx",
];

test("a real sign-in whose next is a tab-split external URL stays on the app's origin", async ({
  page,
  baseURL,
}) => {
  const { email, password, name } = ACCOUNTS.reviewer;
  await page.goto(`/sign-in?next=${encodeURIComponent("/\t/evil.example/phish")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${name}`)).toBeVisible();
  // The reviewer's home page, on the app's own origin.
  expect(page.url()).toBe(`${baseURL}/review`);
});

test("no return path, as a link or as a posted form field, gets a 5xx or leaves the origin", async ({
  request,
  baseURL,
}) => {
  const { email, password } = ACCOUNTS.reviewer;
  for (const next of HOSTILE_NEXT) {
    const page = await request.get(`/sign-in?next=${encodeURIComponent(next)}`);
    expect(page.status(), JSON.stringify(next)).toBe(200);
    const html = await page.text();
    // The form carries a return path only when it is one of the app's own.
    const kept = /<input type="hidden" name="next" value="([^"]*)"/.exec(html)?.[1];
    if (kept !== undefined) {
      expect(kept, JSON.stringify(next)).toMatch(/^\/(?![/\\])/);
      expect(new URL(kept, baseURL).origin, JSON.stringify(next)).toBe(baseURL);
    }

    // The form posted without JavaScript, with `next` as a browser would send it.
    const posted = await request.post("/sign-in", {
      multipart: { ...Object.fromEntries(hiddenActionFields(html)), email, password, next },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(posted.status(), JSON.stringify(next)).toBeLessThan(500);
    const location = posted.headers()["location"];
    expect(location, JSON.stringify(next)).toBeDefined();
    expect(new URL(location!, baseURL).origin, JSON.stringify(next)).toBe(baseURL);
    expect(location, JSON.stringify(next)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
  }
});
