import { evaluateRequest } from "@/lib/http/evaluate-request";
import { methodNotAllowed } from "@/lib/http/json-response";

export const POST = evaluateRequest;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
