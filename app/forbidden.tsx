import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2">Your account&apos;s role does not allow it. (403)</p>
      <p className="mt-4">
        <Link href="/" prefetch={false} className="text-blue-800 underline">
          Back to the questionnaire
        </Link>
      </p>
    </main>
  );
}
