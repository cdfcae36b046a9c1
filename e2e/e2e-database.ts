// Reads the SQLite database of the server the chromium and api projects run against
// (scripts/e2e-server.ts), to check what a request did or did not store.
import Database from "better-sqlite3";

export function countRows(query: string, ...params: unknown[]): number {
  const db = new Database(".e2e/app.db", { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(query).get(...params) as { n: number }).n;
  } finally {
    db.close();
  }
}

export const exportsOf = (reference: string) =>
  countRows(
    `SELECT count(*) AS n FROM audit_events WHERE action = 'request.exported' AND request_reference = ?`,
    reference,
  );
