import { discoveryRoute, hookMethodNotAllowed } from "@/lib/cds-hooks/hook-route";

// CDS Hooks 2.0 §Discovery: public, like a FHIR server's metadata.
export const GET = discoveryRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = hookMethodNotAllowed(["GET"]);
