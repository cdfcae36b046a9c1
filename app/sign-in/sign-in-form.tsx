"use client";

import { useActionState, useState } from "react";
import { signInAction, type SignInState } from "@/app/actions/sign-in";
import { field, primaryButton } from "@/components/ui/styles";

export function SignInForm({ next, unlock }: { next?: string; unlock?: string }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  // The form is reset after each attempt; the email comes back as typed (the password does not).
  const [email, setEmail] = useState("");
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {unlock ? <input type="hidden" name="unlock" value={unlock} /> : null}
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
          defaultValue={email}
          onChange={(e) => setEmail(e.target.value)}
          className={`${field} w-full`}
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
          className={`${field} w-full`}
        />
      </div>
      {state.error ? (
        <p role="alert" className="font-medium text-red-800">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        Sign in
      </button>
    </form>
  );
}
