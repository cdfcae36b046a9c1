import { fhirMethodNotAllowed } from "@/lib/http/fhir-response";
import { deleteRoute, readRoute, updateRoute } from "@/lib/subscriptions/routes";

export const GET = readRoute;
export const PUT = updateRoute;
export const DELETE = deleteRoute;
export const { POST, PATCH, OPTIONS } = fhirMethodNotAllowed(["GET", "PUT", "DELETE"]);
