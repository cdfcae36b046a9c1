import "server-only";
import type { Auth } from "./auth";
import { MIN_PASSWORD_LENGTH, hashPassword } from "./password";
import { ROLES, isRole, normalizeSpecialty, type Role } from "@/lib/request-model/roles";

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Required for a medical director (a physician reviewer), refused for every other role. */
  specialty?: string;
}

/** Creates an account with an argon2id password; the only way accounts come to exist. */
export async function createUser(auth: Auth, user: NewUser): Promise<{ id: string }> {
  if (!isRole(user.role)) throw new Error(`role must be one of ${ROLES.join(", ")}`);
  const specialty = user.specialty === undefined ? "" : normalizeSpecialty(user.specialty);
  if (user.role === "medical-director" && specialty === "")
    throw new Error(`a medical director needs a specialty (--specialty "…")`);
  if (user.role !== "medical-director" && specialty !== "")
    throw new Error(`only a medical director has a recorded specialty`);
  if (user.password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  const ctx = await auth.$context;
  const email = user.email.trim().toLowerCase();
  if (await ctx.internalAdapter.findUserByEmail(email))
    throw new Error(`an account for ${email} already exists`);
  const created = await ctx.internalAdapter.createUser(
    {
      email,
      name: user.name,
      emailVerified: true,
      role: user.role,
      ...(specialty ? { specialty } : {}),
    },
    { method: "admin" },
  );
  await ctx.internalAdapter.linkAccount({
    userId: created.id,
    providerId: "credential",
    accountId: created.id,
    password: await hashPassword(user.password),
  });
  return { id: created.id };
}
