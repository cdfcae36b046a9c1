import { fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { createRoute } from "@/lib/subscriptions/routes";

export const POST = createRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = fhirMethodNotAllowed(["POST"]);
