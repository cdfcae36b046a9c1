"use client";

// The error itself is logged on the server (instrumentation.ts); the page shows only its digest.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2">
        Something failed on our side. Try again; if it happens again, give the support team this
        code: {error.digest ?? "none"}.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-4 rounded bg-blue-800 px-4 py-2 text-white hover:bg-blue-900"
      >
        Try again
      </button>
    </main>
  );
}
