"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import * as z from "zod/mini";
import { deviceCookieName } from "@/lib/auth/device-cookie";
import { SIGN_IN_FAILED, signIn } from "@/lib/auth/sign-in";
import { env } from "@/lib/env";
import { appContext } from "@/lib/server/app-context";
import { safeReturnPath } from "@/lib/server/safe-return-path";
import { clientIp } from "@/lib/server/client-ip";

const credentials = z.object({
  email: z.string().check(z.minLength(3), z.maxLength(320)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
  next: z.optional(z.string()),
  /** An unlock link's token (npm run user:unlock), carried by the form it opened. */
  unlock: z.optional(z.string().check(z.regex(/^[\w-]{43}$/))),
});

export interface SignInState {
  error?: string;
}

export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  // Actions can be posted by anyone with anything: the form is checked, not trusted.
  if (!(form instanceof FormData)) return { error: SIGN_IN_FAILED };
  const parsed = credentials.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    next: form.get("next") ?? undefined,
    unlock: form.get("unlock") || undefined,
  });
  if (!parsed.success) return { error: SIGN_IN_FAILED };
  const requestHeaders = await headers();
  const jar = await cookies();
  const result = await signIn(await appContext(), {
    email: parsed.data.email,
    password: parsed.data.password,
    ip: clientIp(requestHeaders),
    headers: requestHeaders,
    deviceCookie: jar.get(deviceCookieName())?.value,
    unlock: parsed.data.unlock,
  });
  if (!result.ok) return { error: result.error };
  jar.set(result.device.name, result.device.value, result.device.options);
  redirect(
    safeReturnPath(parsed.data.next, env().APP_URL) ??
      (result.role === "physician" ? "/requests" : "/review"),
  );
}
