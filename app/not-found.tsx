import Link from "next/link";

// Also what a physician sees for another physician's request: it does not say whether one exists.
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2">There is nothing at this address that you can open. (404)</p>
      <p className="mt-4">
        <Link href="/" prefetch={false} className="text-blue-800 underline">
          Back to the questionnaire
        </Link>
      </p>
    </main>
  );
}
