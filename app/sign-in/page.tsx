import type { Metadata } from "next";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/server/safe-return-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[]; unlock?: string | string[] }>;
}) {
  const { next, unlock } = await searchParams;
  // An unlock link from an administrator (npm run user:unlock): carried by the form, checked and
  // spent only by a sign-in with the right password.
  const token = typeof unlock === "string" && /^[\w-]{43}$/.test(unlock) ? unlock : undefined;
  return (
    <main id="main" className="mx-auto max-w-md p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-slate-700">
        Physicians submit requests; utilization reviewers and medical directors decide them.
        Accounts are created by an administrator.
      </p>
      {token ? (
        <p className="mt-4 rounded border-l-4 border-blue-700 bg-blue-50 p-3">
          You opened a sign-in link from your administrator. It lets you sign in once, even while
          failed attempts by someone else hold up your account; you still need your password.
        </p>
      ) : null}
      <SignInForm next={safeReturnPath(next, env().APP_URL)} unlock={token} />
    </main>
  );
}
