import { fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { inquireRoute } from "@/lib/pas/routes";

export const POST = inquireRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
