import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { evaluateRequest } from "@/lib/http/evaluate-request";
import { jsonError, methodNotAllowed } from "@/lib/http/json-response";
import { policies } from "@/lib/server/policies";

type Context = { params: Promise<{ id: string }> };

/** POST answers (JSON or a FHIR QuestionnaireResponse) for the policy's version in force today. */
export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["POST"]),
  POST: async (request: Request, { params }: Context) => {
    const { id } = await params;
    const policy = policies.getPolicy(id);
    if (!policy)
      return jsonError(404, `No policy ${id}.`, [
        { path: "id", message: "is not listed; GET /api/policies lists them" },
      ]);
    return evaluateRequest(request, policy);
  },
});
export const OPTIONS = () => corsPreflight(["POST"]);
