import { methodNotAllowed } from "@/lib/http/json-response";
import { submitRequestRoute } from "@/lib/http/submit-request";

export const POST = submitRequestRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
