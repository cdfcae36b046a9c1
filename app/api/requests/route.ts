import { methodNotAllowed } from "@/lib/http/json-response";
import { submitRequestRoute } from "@/lib/http/submit-request";
import { unproxiedHandlers } from "@/lib/http/unproxied";

// Not behind proxy.ts (its matcher): the checks it would make are made here.
export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = unproxiedHandlers({
  ...methodNotAllowed(["POST"]),
  POST: submitRequestRoute,
});
