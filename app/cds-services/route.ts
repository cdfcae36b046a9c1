import { discoveryRoute, hookMethodNotAllowed } from "@/lib/cds-hooks/hook-route";
import { corsHandlers, corsPreflight } from "@/lib/http/cors";

// CDS Hooks 2.0 §Discovery: public, like a FHIR server's metadata, and readable from any origin.
export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...hookMethodNotAllowed(["GET"]),
  GET: discoveryRoute,
});
export const OPTIONS = () => corsPreflight(["GET"]);
