import { createPublicKey } from "node:crypto";
import { base64url, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/test/databases";
import { testDatabase } from "@/test/test-database";
import { signAssertion, testKey, type TestKey } from "@/test/smart-keys";
import { verifyAssertion } from "./assertion";
import { registerClient, type SmartClient } from "./clients";

const AUD = "https://pa.example.org/api/auth/token";

describe.each(ENGINES)("client assertions (SMART Backend Services) on %s", (_engine, open) => {
  const t = testDatabase(open);
  let rsa: TestKey;
  let ec: TestKey;
  let client: SmartClient;
  beforeAll(async () => {
    [rsa, ec] = await Promise.all([testKey("RS384"), testKey("ES384")]);
    const registered = await registerClient(t.db, {
      name: "Test EHR",
      jwks: { keys: [rsa.publicJwk, ec.publicJwk] },
      scopes: "system/Claim.write system/ClaimResponse.read",
    });
    if (!registered.ok) throw new Error(registered.problem);
    client = registered.client;
  });

  const verify = (jwt: string, audience = AUD) => verifyAssertion(t.db, jwt, audience);
  const refusal = async (jwt: string, audience = AUD) => {
    const result = await verify(jwt, audience);
    expect(result.ok).toBe(false);
    return (result as { reason: string }).reason;
  };

  it("accepts an RS384 and an ES384 assertion signed by a registered key", async () => {
    for (const key of [rsa, ec]) {
      const result = await verify(await signAssertion(key, { iss: client.id, aud: AUD }));
      expect(result).toMatchObject({ ok: true, client: { id: client.id, name: "Test EHR" } });
    }
  });

  it("refuses an expired assertion", async () => {
    const jwt = await signAssertion(rsa, { iss: client.id, aud: AUD, expiresIn: -10 });
    expect(await refusal(jwt)).toMatch(/expired/);
  });

  it("refuses an assertion whose exp is more than five minutes away", async () => {
    const jwt = await signAssertion(rsa, { iss: client.id, aud: AUD, expiresIn: 3600 });
    expect(await refusal(jwt)).toMatch(/five minutes/);
  });

  it("refuses the wrong audience: aud must be the token endpoint's URL", async () => {
    const jwt = await signAssertion(rsa, {
      iss: client.id,
      aud: "https://elsewhere.example/token",
    });
    expect(await refusal(jwt)).toContain(`aud must be ${AUD}`);
  });

  it("refuses an unknown key id, and a known kid whose key did not sign it", async () => {
    const stranger = await testKey("RS384");
    expect(await refusal(await signAssertion(stranger, { iss: client.id, aud: AUD }))).toMatch(
      /No registered key/,
    );
    const impostor = { ...stranger, kid: rsa.kid };
    expect(await refusal(await signAssertion(impostor, { iss: client.id, aud: AUD }))).toMatch(
      /signature does not verify/,
    );
  });

  it("refuses a signed assertion whose jti is not a string, and remembers nothing of it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const jtis = () =>
      t.db.kysely.selectFrom("smart_jtis").select("jti").where("client_id", "=", client.id);
    const before = (await jtis().execute()).length;
    for (const jti of [{ a: 1 }, ["x"], true, false, null, 42, ""]) {
      const jwt = await new SignJWT({ aud: AUD, exp: now + 60, jti } as Record<string, unknown>)
        .setProtectedHeader({ alg: "ES384", kid: ec.kid, typ: "JWT" })
        .setIssuer(client.id)
        .setSubject(client.id)
        .sign(ec.privateKey);
      expect(await refusal(jwt), JSON.stringify(jti)).toMatch(/jti/);
    }
    expect((await jtis().execute()).length).toBe(before);
  });

  it("refuses a replayed jti, even sent twice at once", async () => {
    const jwt = await signAssertion(rsa, { iss: client.id, aud: AUD });
    const results = await Promise.all([verify(jwt), verify(jwt)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await refusal(jwt)).toMatch(/jti was used before/);
  });

  it("refuses alg none", async () => {
    const header = base64url.encode(JSON.stringify({ alg: "none", kid: rsa.kid, typ: "JWT" }));
    const now = Math.floor(Date.now() / 1000);
    const claims = base64url.encode(
      JSON.stringify({ iss: client.id, sub: client.id, aud: AUD, exp: now + 60, jti: "none-1" }),
    );
    expect(await refusal(`${header}.${claims}.`)).toMatch(/only RS384 and ES384/);
  });

  it("refuses HS256 with the registered public key as the shared secret", async () => {
    const pem = createPublicKey({ key: rsa.publicJwk as never, format: "jwk" }).export({
      type: "spki",
      format: "pem",
    });
    for (const secret of [pem, JSON.stringify(rsa.publicJwk)]) {
      const jwt = await new SignJWT({})
        .setProtectedHeader({ alg: "HS256", kid: rsa.kid, typ: "JWT" })
        .setIssuer(client.id)
        .setSubject(client.id)
        .setAudience(AUD)
        .setJti(crypto.randomUUID())
        .setExpirationTime("2m")
        .sign(new TextEncoder().encode(String(secret)));
      expect(await refusal(jwt)).toMatch(/only RS384 and ES384/);
    }
  });

  it("refuses RS256, a missing kid, a jku header, an unknown client and sub ≠ iss", async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: client.id, sub: client.id, aud: AUD, exp: now + 60 };
    const signed = (header: Record<string, unknown>, body: Record<string, unknown> = claims) =>
      new SignJWT(body)
        .setProtectedHeader({ alg: "RS384", ...header })
        .setJti(crypto.randomUUID())
        .sign(rsa.privateKey);
    const rs256 = await generateKeyPair("RS256");
    expect(
      await refusal(
        await new SignJWT(claims)
          .setProtectedHeader({ alg: "RS256", kid: rsa.kid })
          .setJti("x")
          .sign(rs256.privateKey),
      ),
    ).toMatch(/only RS384 and ES384/);
    expect(await refusal(await signed({}))).toMatch(/no kid/);
    expect(await refusal(await signed({ kid: rsa.kid, jku: "https://evil.example/jwks" }))).toMatch(
      /never fetched/,
    );
    expect(await refusal(await signed({ kid: rsa.kid }, { ...claims, iss: "nobody" }))).toMatch(
      /No client is registered/,
    );
    expect(await refusal(await signed({ kid: rsa.kid }, { ...claims, sub: "someone" }))).toMatch(
      /iss and sub/,
    );
  });

  it("CDS Hooks JWTs: iss may be the registered CDS issuer, sub is not needed, typ and iat are", async () => {
    const ehr = await testKey("ES384");
    const registered = await registerClient(t.db, {
      name: "Hooks EHR",
      jwks: { keys: [ehr.publicJwk] },
      scopes: "system/Claim.write",
      cdsIssuer: "https://ehr.example.org/fhir",
    });
    if (!registered.ok) throw new Error(registered.problem);
    const aud = "https://pa.example.org/cds-services/coverage-order-sign";
    const hooks = (jwt: string) => verifyAssertion(t.db, jwt, aud, new Date(), { cdsHooks: true });
    const now = Math.floor(Date.now() / 1000);
    const jwt = (header: Record<string, unknown>, claims: Record<string, unknown>) =>
      new SignJWT({ aud, exp: now + 60, jti: crypto.randomUUID(), ...claims })
        .setProtectedHeader({ alg: "ES384", kid: ehr.kid, ...header })
        .sign(ehr.privateKey);
    expect(
      await hooks(await jwt({ typ: "JWT" }, { iss: "https://ehr.example.org/fhir", iat: now })),
    ).toMatchObject({ ok: true, client: { name: "Hooks EHR" } });
    expect(
      await hooks(await jwt({ typ: "JWT" }, { iss: registered.client.id, iat: now })),
    ).toMatchObject({ ok: true });
    expect(await hooks(await jwt({}, { iss: registered.client.id, iat: now }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/typ/),
    });
    expect(await hooks(await jwt({ typ: "JWT" }, { iss: registered.client.id }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/iat/),
    });
    // The CDS issuer names the client for hooks only: never for a SMART client assertion.
    expect(
      await verifyAssertion(
        t.db,
        await jwt(
          { typ: "JWT" },
          {
            iss: "https://ehr.example.org/fhir",
            sub: "https://ehr.example.org/fhir",
            aud: AUD,
            iat: now,
          },
        ),
        AUD,
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/No client/) });
  });

  it("refuses what is not a JWT at all, without echoing it", async () => {
    for (const junk of ["", "abc", "a.b", "a.b.c.d", "eyJ.eyJ.x", "<script>.x.y"]) {
      const reason = await refusal(junk);
      if (junk.length > 3) expect(reason).not.toContain(junk);
    }
  });
});

describe("registering a client", () => {
  const t = testDatabase(ENGINES[0]![1]);

  it("refuses private keys, keys without kid, short RSA keys, other curves and unknown scopes", async () => {
    const key = await testKey("RS384");
    const register = (jwks: unknown, scopes = "system/Claim.write") =>
      registerClient(t.db, { name: "X", jwks, scopes });
    const noKid = { ...key.publicJwk, kid: undefined };
    for (const [jwks, problem] of [
      [{}, /"keys" array/],
      [{ keys: [] }, /no keys/],
      [{ keys: [noKid] }, /needs a "kid"/],
      [{ keys: [{ ...key.publicJwk, d: "secret" }] }, /private key material/],
      [{ keys: [{ ...key.publicJwk, n: "AQAB" }] }, /shorter than 2048/],
      [{ keys: [{ kty: "EC", crv: "P-256", x: "a", y: "b", kid: "e" }] }, /not P-384/],
      [{ keys: [{ kty: "oct", k: "x", kid: "s" }] }, /private key material|only RSA and EC/],
      [{ keys: [key.publicJwk, key.publicJwk] }, /used twice/],
    ] as const) {
      const result = await register(jwks);
      expect(result.ok).toBe(false);
      expect((result as { problem: string }).problem).toMatch(problem);
    }
    expect(await register({ keys: [key.publicJwk] }, "user/*.read")).toMatchObject({ ok: false });
    expect(await register({ keys: [key.publicJwk] })).toMatchObject({ ok: true });
  });
});
