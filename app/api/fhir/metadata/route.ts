import { capabilityStatement } from "@/lib/fhir/capability-statement";
import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { serverFhirBase } from "@/lib/http/fhir-base";
import { fhirJson, fhirMethodNotAllowed } from "@/lib/http/fhir-response";

const STARTED = new Date().toISOString();

export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...fhirMethodNotAllowed(["GET"]),
  GET: () => fhirJson(capabilityStatement(serverFhirBase(), STARTED)),
});
export const OPTIONS = () => corsPreflight(["GET"]);
