import { authorizationRows, type AuthorizationRecord } from "@/lib/requests/authorization";

/** What an approval authorizes, and until when: its own block on both case pages. */
export function AuthorizationBlock({
  authorization,
  issuedBy,
}: {
  authorization: AuthorizationRecord;
  /** Who issued it, as the pages name people. */
  issuedBy: string;
}) {
  return (
    <section
      aria-labelledby="authorization-heading"
      className="mt-4 rounded border-l-4 border-green-800 bg-green-50 p-3 text-green-950"
    >
      <h2 id="authorization-heading" className="text-lg font-semibold">
        Authorization
      </h2>
      <dl className="mt-1 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[12rem_1fr]">
        {authorizationRows(authorization, issuedBy).map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
