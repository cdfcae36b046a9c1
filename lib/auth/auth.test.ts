import { beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { IDLE_TIMEOUT_SECONDS, createAuth, type Auth } from "./auth";
import { userOfRequest } from "./session";
import { SIGN_IN_FAILED, accountKey, signIn as signInAudited } from "./sign-in";
import { THROTTLE } from "./throttle-policy";
import { createUser } from "./users";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

describe.each(ENGINES)("accounts and sessions on %s", (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  let auth: Auth;
  beforeAll(async () => {
    auth = createAuth(t.db);
    await createUser(auth, {
      email: "Dr.Who@example.org",
      name: "Dr Who",
      role: "reviewer",
      password: "correct horse battery",
    });
  });

  const signIn = (email: string, password: string) =>
    auth.api.signInEmail({
      body: { email, password },
      headers: new Headers({ "x-forwarded-for": "203.0.113.7" }),
      asResponse: true,
    });

  it("records a medical director's specialty, normalized, and refuses one for any other role or none for a director", async () => {
    const made = (role: "medical-director" | "reviewer", email: string, specialty?: string) =>
      createUser(auth, { email, name: email, role, password: "a long enough password", specialty });
    await expect(made("medical-director", "md0@example.org")).rejects.toThrow(/needs a specialty/);
    await expect(made("reviewer", "rn@example.org", "transplant")).rejects.toThrow(
      /only a medical director/,
    );
    await made("medical-director", "md@example.org", "  Hematology/Oncology ");
    const res = await signIn("md@example.org", "a long enough password");
    const token = /better-auth\.session_token=([^;]+)/.exec(
      res.headers.get("set-cookie") ?? "",
    )?.[1];
    const user = await userOfRequest(
      auth,
      new Headers({ cookie: `better-auth.session_token=${token}` }),
    );
    expect(user).toMatchObject({ role: "medical-director", specialty: "hematology/oncology" });
  });

  it("stores the password as an argon2id hash", async () => {
    const row = await t.db.kysely
      .selectFrom("account" as never)
      .select("password" as never)
      .executeTakeFirstOrThrow();
    expect((row as { password: string }).password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("signs in with the right password and gives an httpOnly, SameSite=Lax session cookie", async () => {
    const res = await signIn("dr.who@example.org", "correct horse battery");
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = /better-auth\.session_token=([^;]+)/.exec(cookie)?.[1];
    expect(token).toBeTruthy();
    const session = await auth.api.getSession({
      headers: new Headers({ cookie: `better-auth.session_token=${token}` }),
    });
    expect(session?.user).toMatchObject({ email: "dr.who@example.org", role: "reviewer" });

    await auth.api.signOut({
      headers: new Headers({ cookie: `better-auth.session_token=${token}` }),
    });
    const after = await auth.api.getSession({
      headers: new Headers({ cookie: `better-auth.session_token=${token}` }),
    });
    expect(after).toBeNull();
  });

  it("over https, names the session cookie __Host-: Secure, Path=/, no Domain, and reads it back", async () => {
    const secure = createAuth(t.db, {
      appUrl: "https://pa.example.org",
      secret: process.env.AUTH_SECRET!,
    });
    const res = await secure.api.signInEmail({
      body: { email: "dr.who@example.org", password: "correct horse battery" },
      headers: new Headers(),
      asResponse: true,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.includes(".session_token="))!;
    expect(cookie).toMatch(/^__Host-cp0261\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/i);
    expect(cookie).not.toMatch(/Domain=/i);
    const session = await secure.api.getSession({
      headers: new Headers({ cookie: cookie.split(";")[0]! }),
    });
    expect(session?.user).toMatchObject({ email: "dr.who@example.org" });
    await secure.api.signOut({ headers: new Headers({ cookie: cookie.split(";")[0]! }) });
  });

  it("refuses a wrong password and an unknown account alike", async () => {
    const wrong = await signIn("dr.who@example.org", "wrong password!!");
    const unknown = await signIn("nobody@example.org", "wrong password!!");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
  });

  it("never creates a duplicate account or a weak password", async () => {
    await expect(
      createUser(auth, {
        email: "dr.who@example.org",
        name: "x",
        role: "physician",
        password: "another long one",
      }),
    ).rejects.toThrow(/already exists/);
    await expect(
      createUser(auth, {
        email: "new@example.org",
        name: "x",
        role: "physician",
        password: "short",
      }),
    ).rejects.toThrow(/at least 12/);
  });

  it("audits every attempt, and refuses a throttled one with the same message", async () => {
    const ctx = { db: t.db, auth };
    const attempt = (password: string, ip = "198.51.100.1") =>
      signInAudited(ctx, { email: "Dr.Who@example.org", password, ip, headers: new Headers() });

    expect(await attempt("correct horse battery")).toMatchObject({ ok: true, role: "reviewer" });
    for (let i = 0; i < THROTTLE.pair.maxFailures; i++)
      expect(await attempt(`wrong ${i} password`)).toEqual({ ok: false, error: SIGN_IN_FAILED });
    // That address has spent its guesses on this account: the right password waits too.
    expect(await attempt("correct horse battery")).toEqual({ ok: false, error: SIGN_IN_FAILED });

    const events = await t.db.kysely
      .selectFrom("audit_events")
      .select(["action", "subject", "ip", "detail_json"])
      .where("subject", "=", accountKey("dr.who@example.org"))
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "auth.sign-in.success",
      ...Array(THROTTLE.pair.maxFailures).fill("auth.sign-in.failure"),
      "auth.sign-in.failure",
    ]);
    expect(JSON.parse(events.at(-2)!.detail_json)).toEqual({ throttled: false });
    expect(JSON.parse(events.at(-1)!.detail_json)).toEqual({ throttled: true });
    expect(JSON.stringify(events)).not.toContain("correct horse");
    expect(JSON.stringify(events)).not.toContain("dr.who@example.org");
  });

  it("expires a session 30 minutes after its last use, and revokes one older than 12 hours", async () => {
    const res = await signIn("dr.who@example.org", "correct horse battery");
    const token = /better-auth\.session_token=([^;]+)/.exec(
      res.headers.get("set-cookie") ?? "",
    )![1]!;
    const headers = new Headers({ cookie: `better-auth.session_token=${token}` });
    const sessions = () =>
      t.db.kysely
        .selectFrom("session" as never)
        .select(["expiresAt" as never, "createdAt" as never])
        .orderBy("createdAt" as never)
        .execute() as Promise<{ expiresAt: string | Date; createdAt: string | Date }[]>;
    const before = await sessions();
    const row = before.at(-1);
    const ttl = new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime();
    expect(Math.abs(ttl - IDLE_TIMEOUT_SECONDS * 1000)).toBeLessThan(5_000);

    expect(await userOfRequest(auth, headers)).toMatchObject({ role: "reviewer" });
    const thirteenHoursOn = new Date(Date.now() + 13 * 3_600_000);
    expect(await userOfRequest(auth, headers, thirteenHoursOn)).toBeNull();
    // Revoked on the server: the cookie no longer opens anything, even now.
    expect(await userOfRequest(auth, headers)).toBeNull();
    expect(await sessions()).toHaveLength(before.length - 1);
  });
});
