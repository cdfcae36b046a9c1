import "server-only";
import { fhirBase } from "@/lib/fhir/canonical";
import { env } from "@/lib/env";

/** This server's FHIR base URL, from APP_URL: the root of every canonical URL it serves. */
export const serverFhirBase = () => fhirBase(env().APP_URL);
