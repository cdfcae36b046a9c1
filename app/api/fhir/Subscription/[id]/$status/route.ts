import { fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { statusRoute } from "@/lib/subscriptions/routes";

export const GET = statusRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["GET"]);
