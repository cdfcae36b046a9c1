"use client";

import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/actions/sign-in";

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <label htmlFor="email" className="block font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
        />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
        />
      </div>
      {state.error ? (
        <p role="alert" className="font-medium text-red-800">
          {state.error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded border border-blue-800 bg-blue-800 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        Sign in
      </button>
    </form>
  );
}
