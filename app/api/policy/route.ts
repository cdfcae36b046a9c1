import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { describePolicy } from "@/lib/policy/engine/policy-json";
import { defaultPolicy } from "@/lib/server/policies";

export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["GET"]),
  GET: () => jsonOk(describePolicy(defaultPolicy()), { "Cache-Control": "public, max-age=3600" }),
});
export const OPTIONS = () => corsPreflight(["GET"]);
