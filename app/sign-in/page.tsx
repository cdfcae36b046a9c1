import type { Metadata } from "next";
import { env } from "@/lib/env";
import { safeReturnPath } from "@/lib/server/safe-return-path";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-md p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-slate-700">
        Physicians submit requests; utilization reviewers and medical directors decide them.
        Accounts are created by an administrator.
      </p>
      <SignInForm next={safeReturnPath(next, env().APP_URL)} />
    </main>
  );
}
