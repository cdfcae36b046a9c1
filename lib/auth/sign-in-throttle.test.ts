import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { createAuth, type Auth } from "./auth";
import { SIGN_IN_FAILED, accountKey, signIn } from "./sign-in";
import { UNLOCK_MAX_TRIES, issueUnlock } from "./sign-in-attempts";
import { THROTTLE } from "./throttle-policy";
import { createUser } from "./users";

process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0261";

const PASSWORD = "correct horse battery";

// Dozens of argon2id verifications per test: slow beside the rest of the suite.
describe.each(ENGINES)("sign-in throttling on %s", { timeout: 60_000 }, (_engine, open) => {
  const t = testDatabase(open, { accounts: true });
  let auth: Auth;
  let n = 0;
  beforeAll(async () => {
    auth = createAuth(t.db);
  });

  /** A fresh account for each test, so their attempts never meet. */
  async function account() {
    const email = `user${++n}@example.org`;
    await createUser(auth, { email, name: "U", role: "physician", password: PASSWORD });
    return email;
  }
  const attempt = (email: string, password: string, ip: string, now?: Date) =>
    signIn({ db: t.db, auth }, { email, password, ip, headers: new Headers() }, now);

  /** How many attempts on the account had their password checked, and how many were refused. */
  async function tally(email: string) {
    const rows = await t.db.kysely
      .selectFrom("audit_events")
      .select(["action", "detail_json"])
      .where("subject", "=", accountKey(email))
      .execute();
    const throttled = rows.filter((r) => JSON.parse(r.detail_json).throttled === true).length;
    return { checked: rows.length - throttled, throttled };
  }

  it("checks at most the limit of 30 wrong passwords sent at once from one address", async () => {
    const email = await account();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(email, `wrong password ${i}`, "203.0.113.10")),
    );
    expect(results.every((r) => !r.ok && r.error === SIGN_IN_FAILED)).toBe(true);
    expect(await tally(email)).toEqual({ checked: THROTTLE.pair.maxFailures, throttled: 25 });
    // From that address, even the right password now waits out the window.
    expect(await attempt(email, PASSWORD, "203.0.113.10")).toEqual({
      ok: false,
      error: SIGN_IN_FAILED,
    });
  });

  it("lets the user sign in from their own address while another address attacks the account", async () => {
    const email = await account();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(email, `guess ${i}`, "198.51.100.66")),
    );
    expect(await attempt(email, PASSWORD, "192.0.2.10")).toMatchObject({ ok: true });
  });

  it("checks at most the account's free failures of 30 wrong passwords sent at once from 30 addresses", async () => {
    const email = await account();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(email, `spray ${i}`, `198.51.100.${100 + i}`)),
    );
    const { checked } = await tally(email);
    expect(checked).toBe(THROTTLE.account.freeFailures);
  });

  it("delays an account's checks 1, 2, 4 … seconds once its free failures are spent, without a lock", async () => {
    const email = await account();
    const t0 = Date.parse("2026-11-26T10:00:00.000Z");
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    for (let i = 0; i < THROTTLE.account.freeFailures; i++)
      await attempt(email, `wrong ${i}`, `192.0.2.${i + 20}`, at(0));
    const before = await tally(email);
    await attempt(email, PASSWORD, "192.0.2.200", at(0.5)); // within 1 s: refused
    expect((await tally(email)).throttled).toBe(before.throttled + 1);
    await attempt(email, "wrong again", "192.0.2.201", at(1.1)); // checked: now 2 s
    await attempt(email, PASSWORD, "192.0.2.200", at(2.5)); // refused
    expect((await tally(email)).throttled).toBe(before.throttled + 2);
    expect(await attempt(email, PASSWORD, "192.0.2.200", at(3.2))).toMatchObject({ ok: true });
  });

  it("does not count refused attempts: the throttle lifts when the window has passed", async () => {
    const email = await account();
    const t0 = Date.parse("2026-11-26T12:00:00.000Z");
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    for (let i = 0; i < THROTTLE.pair.maxFailures; i++)
      await attempt(email, `wrong ${i}`, "203.0.113.77", at(0));
    // The attacker keeps trying from the same address all through the window.
    for (const minute of [1, 5, 10, 14, 14.9])
      expect(await attempt(email, `more ${minute}`, "203.0.113.77", at(minute))).toMatchObject({
        ok: false,
      });
    const { checked, throttled } = await tally(email);
    expect({ checked, throttled }).toEqual({ checked: THROTTLE.pair.maxFailures, throttled: 5 });
    expect(await attempt(email, PASSWORD, "203.0.113.77", at(15.1))).toMatchObject({ ok: true });
  });

  it("does not hold up an address the account signed in from recently", async () => {
    const email = await account();
    const t0 = Date.parse("2026-11-26T14:00:00.000Z");
    expect(await attempt(email, PASSWORD, "192.0.2.44", new Date(t0 - 86_400_000))).toMatchObject({
      ok: true,
    });
    for (let i = 0; i < 20; i++)
      await attempt(email, `wrong ${i}`, `198.51.100.${i + 1}`, new Date(t0 + i * 100));
    const now = new Date(t0 + 2_100);
    // A new address waits out the account's delay; the user's usual one does not.
    expect(await attempt(email, PASSWORD, "198.51.100.250", now)).toMatchObject({ ok: false });
    expect(await attempt(email, PASSWORD, "192.0.2.44", now)).toMatchObject({ ok: true });
  });

  it("a success from an address clears that address's own failures", async () => {
    const email = await account();
    for (let i = 0; i < THROTTLE.pair.maxFailures - 1; i++)
      await attempt(email, `typo ${i}`, "192.0.2.55");
    expect(await attempt(email, PASSWORD, "192.0.2.55")).toMatchObject({ ok: true });
    for (let i = 0; i < THROTTLE.pair.maxFailures - 1; i++)
      await attempt(email, `typo again ${i}`, "192.0.2.55");
    expect(await attempt(email, PASSWORD, "192.0.2.55")).toMatchObject({ ok: true });
  });

  it("slows one address trying many accounts (password spraying)", async () => {
    const t0 = Date.parse("2026-11-26T16:00:00.000Z");
    for (let i = 0; i < THROTTLE.address.freeFailures; i++)
      await attempt(`nobody${i}@example.org`, "Winter2026!", "203.0.113.200", new Date(t0));
    const email = await account();
    expect(await attempt(email, PASSWORD, "203.0.113.200", new Date(t0 + 500))).toMatchObject({
      ok: false,
    });
    expect(await attempt(email, PASSWORD, "203.0.113.200", new Date(t0 + 1_100))).toMatchObject({
      ok: true,
    });
  });

  /** An attempt from a browser holding `cookie` (the device cookie's value), or with a link. */
  const fromBrowser = (
    email: string,
    password: string,
    ip: string,
    now: Date,
    extra: { cookie?: string; unlock?: string } = {},
  ) =>
    signIn(
      { db: t.db, auth },
      {
        email,
        password,
        ip,
        headers: new Headers(),
        deviceCookie: extra.cookie,
        unlock: extra.unlock,
      },
      now,
    );

  it("plays the storm: one wrong password a minute from rotating addresses keeps the account's delay running, and still the user's browser, and a user with an unlock link, get in at the first try", async () => {
    const email = await account();
    const t0 = Date.parse("2026-11-27T08:00:00.000Z");
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    // Last week the user signed in with this browser, from the office.
    const office = await fromBrowser(email, PASSWORD, "192.0.2.80", new Date(t0 - 7 * 86_400_000));
    if (!office.ok) throw new Error("the user could not sign in before the storm");
    const cookie = office.device.value;

    // The attacker: the free failures at once, then one wrong password every 61 s, each from a
    // new address, for 40 minutes. Every guess is checked: the delay is 60 s at most.
    let guess = 0;
    const attack = (seconds: number) =>
      fromBrowser(email, `guess ${guess}`, `198.51.100.${(guess++ % 250) + 1}`, at(seconds));
    for (let i = 0; i < THROTTLE.account.freeFailures; i++) await attack(0);
    const userTries: number[] = [];
    for (let minute = 0; minute < 40; minute++) {
      const s = 1 + minute * 61;
      await attack(s);
      // The user, at a new address (a hotel, a phone), a few seconds after each guess.
      if (minute % 8 === 3) userTries.push(s + 7);
    }
    const refusedGuesses = (await tally(email)).throttled;
    expect(refusedGuesses).toBe(0);

    // From the browser they signed in with: in, at the first try, every time.
    for (const s of userTries)
      expect(
        await fromBrowser(email, PASSWORD, `203.0.113.${s % 200}`, at(s), { cookie }),
        `with the device cookie at ${s} s`,
      ).toMatchObject({ ok: true });

    // The same user on a new device, without the cookie: held up by the storm (what the
    // README says can still be blocked) ...
    const storm = 1 + 40 * 61;
    await attack(storm);
    expect(await fromBrowser(email, PASSWORD, "203.0.113.201", at(storm + 5))).toEqual({
      ok: false,
      error: SIGN_IN_FAILED,
    });
    // ... until an administrator issues an unlock link: in at the first try, once.
    const { token } = await issueUnlock(
      t.db,
      { accountKey: accountKey(email), createdBy: "script" },
      at(storm),
    );
    const unlocked = await fromBrowser(email, PASSWORD, "203.0.113.202", at(storm + 6), {
      unlock: token,
    });
    expect(unlocked).toMatchObject({ ok: true });
    // The link is spent; and that new browser now has its own cookie, which works on.
    await attack(storm + 61);
    expect(
      await fromBrowser(email, PASSWORD, "203.0.113.203", at(storm + 65), { unlock: token }),
    ).toMatchObject({ ok: false });
    expect(
      await fromBrowser(email, PASSWORD, "203.0.113.203", at(storm + 66), {
        cookie: (unlocked as { device: { value: string } }).device.value,
      }),
    ).toMatchObject({ ok: true });
  });

  it("gives the attacker nothing from a cookie of their own, a forged one or a stolen link past its tries", async () => {
    const victim = await account();
    const attacker = await account();
    const t0 = Date.parse("2026-11-27T12:00:00.000Z");
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const own = await fromBrowser(attacker, PASSWORD, "198.51.100.9", at(-60));
    if (!own.ok) throw new Error("the attacker's own sign-in failed");
    for (let i = 0; i < 14; i++)
      await fromBrowser(victim, `guess ${i}`, `198.51.100.${i + 20}`, at(i * 0.01));
    const before = (await tally(victim)).throttled;
    // The attacker's own device cookie vouches for the attacker's account only.
    await fromBrowser(victim, "guess x", "198.51.100.99", at(0.5), { cookie: own.device.value });
    // A cookie with another signature is no cookie at all.
    const forged = own.device.value.slice(0, -4) + "AAAA";
    await fromBrowser(victim, "guess y", "198.51.100.98", at(0.6), { cookie: forged });
    expect((await tally(victim)).throttled).toBe(before + 2);

    // A leaked unlock link gets UNLOCK_MAX_TRIES checks past the account's delay, then none.
    const { token } = await issueUnlock(
      t.db,
      { accountKey: accountKey(victim), createdBy: "script" },
      at(0),
    );
    for (let i = 0; i < UNLOCK_MAX_TRIES; i++)
      await fromBrowser(victim, `link ${i}`, `198.51.100.${i + 60}`, at(1 + i * 0.01), {
        unlock: token,
      });
    const afterLink = await tally(victim);
    expect(afterLink.throttled).toBe(before + 2);
    await fromBrowser(victim, "link again", "198.51.100.70", at(1.2), { unlock: token });
    expect((await tally(victim)).throttled).toBe(before + 3);
    // An unlock link is for one account: another's is refused as if there were none.
    const other = await issueUnlock(
      t.db,
      { accountKey: accountKey(attacker), createdBy: "script" },
      at(0),
    );
    await fromBrowser(victim, PASSWORD, "198.51.100.71", at(1.3), { unlock: other.token });
    expect((await tally(victim)).throttled).toBe(before + 4);
  });

  it("limits a known browser's own wrong passwords like an address's: 5 in 15 minutes", async () => {
    const email = await account();
    const t0 = Date.parse("2026-11-27T16:00:00.000Z");
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    const first = await fromBrowser(email, PASSWORD, "192.0.2.150", at(-1));
    if (!first.ok) throw new Error("no first sign-in");
    const cookie = first.device.value;
    for (let i = 0; i < THROTTLE.pair.maxFailures; i++)
      await fromBrowser(email, `typo ${i}`, `203.0.113.${i + 150}`, at(i), { cookie });
    // Refused from that browser, wherever it is ...
    expect(await fromBrowser(email, PASSWORD, "203.0.113.170", at(6), { cookie })).toMatchObject({
      ok: false,
    });
    // ... until the oldest of the five is 15 minutes old.
    expect(await fromBrowser(email, PASSWORD, "203.0.113.171", at(15.1), { cookie })).toMatchObject(
      { ok: true },
    );
  });

  it("keeps no password and no email in the attempts or the audit trail", async () => {
    const email = await account();
    await attempt(email, "hunter2-password", "192.0.2.99");
    const dump = JSON.stringify([
      (await sql`select * from sign_in_attempts`.execute(t.db.kysely)).rows,
      (await sql`select * from audit_events`.execute(t.db.kysely)).rows,
    ]);
    expect(dump).not.toContain("hunter2");
    expect(dump).not.toContain(email);
  });
});
