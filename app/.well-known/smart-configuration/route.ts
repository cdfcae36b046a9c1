import { jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { smartConfiguration } from "@/lib/smart/smart-configuration";

// Public and cookie-free, like the FHIR conformance resources: any origin may read it.
export const GET = () =>
  jsonOk(smartConfiguration(), { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" });
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
