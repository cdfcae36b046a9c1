import { fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { submitRoute } from "@/lib/pas/routes";

export const POST = submitRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
