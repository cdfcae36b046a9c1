import { methodNotAllowed } from "@/lib/http/json-response";
import { requestStepRoute } from "@/lib/http/request-step-route";

export const POST = requestStepRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
