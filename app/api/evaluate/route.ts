import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { evaluateRequest } from "@/lib/http/evaluate-request";
import { methodNotAllowed } from "@/lib/http/json-response";

export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["POST"]),
  POST: evaluateRequest,
});
export const OPTIONS = () => corsPreflight(["POST"]);
