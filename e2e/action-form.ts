/**
 * The hidden fields React renders into a server action's form, so that the form can be posted
 * without a browser (as one is without JavaScript): e2e specs and benchmarks sign in this way.
 */
export function hiddenActionFields(html: string): [name: string, value: string][] {
  return [
    ...html.matchAll(/<input type="hidden" name="(\$ACTION[^"]*)"(?: value="([^"]*)")?/g),
  ].map(([, name, value]) => [
    name!,
    (value ?? "").replaceAll("&quot;", '"').replaceAll("&amp;", "&"),
  ]);
}

/** Signs in through the sign-in form and returns the session cookie, as a Cookie header. */
export async function signInCookie(base: string, email: string, password: string) {
  const form = new FormData();
  for (const [name, value] of hiddenActionFields(await (await fetch(`${base}/sign-in`)).text()))
    form.append(name, value);
  form.append("email", email);
  form.append("password", password);
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    body: form,
    // A browser sends the page's own origin; the app refuses page writes without one.
    headers: { Origin: base },
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (!cookie.includes("session_token"))
    throw new Error(
      `Signing in as ${email} failed (${response.status}): ${(await response.text()).slice(0, 200)}`,
    );
  return cookie;
}
