import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { evaluateRequest } from "@/lib/http/evaluate-request";
import { methodNotAllowed } from "@/lib/http/json-response";
import { defaultPolicy } from "@/lib/server/policies";

export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["POST"]),
  POST: (request: Request) => evaluateRequest(request, defaultPolicy()),
});
export const OPTIONS = () => corsPreflight(["POST"]);
