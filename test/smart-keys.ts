// Key pairs and signed JWTs for the SMART and CDS Hooks tests, made with jose as a client would.
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from "jose";

export interface TestKey {
  kid: string;
  alg: "RS384" | "ES384";
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function testKey(alg: "RS384" | "ES384", kid = randomUUID()): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

/** A client assertion (or CDS Hooks JWT) as SMART Backend Services describes it. */
export function signAssertion(
  key: TestKey,
  claims: {
    iss: string;
    aud: string;
    sub?: string;
    jti?: string;
    expiresIn?: number;
    iat?: number;
  },
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
    .setIssuer(claims.iss)
    .setSubject(claims.sub ?? claims.iss)
    .setAudience(claims.aud)
    .setJti(claims.jti ?? randomUUID())
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(now + (claims.expiresIn ?? 240))
    .sign(key.privateKey);
}
