import { methodNotAllowed } from "@/lib/http/json-response";
import { requestStepRoute } from "@/lib/http/request-step-route";
import { unproxiedHandlers } from "@/lib/http/unproxied";

// Not behind proxy.ts (its matcher): a refused upload is answered before its body is read.
export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = unproxiedHandlers({
  ...methodNotAllowed(["POST"]),
  POST: requestStepRoute,
});
