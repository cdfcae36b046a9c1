import { v5 } from "uuid";

/** This server's namespace for the name-based UUIDs it gives FHIR entries (RFC 9562, version 5). */
const NAMESPACE = "5140a933-4d67-435d-896f-9f5dd2863379";

/**
 * The same UUID for the same name, every time and on every instance: a replayed $submit, or every
 * copy of a notification, names its entries the same.
 */
export const nameBasedUuid = (name: string): string => v5(name, NAMESPACE);
