import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { jsonError, jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { describePolicy } from "@/lib/policy/engine/policy-json";
import { policies } from "@/lib/server/policies";

type Context = { params: Promise<{ id: string }> };

/** A policy as data: the version in force today, or `?version=`. */
export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["GET"]),
  GET: async (request: Request, { params }: Context) => {
    const { id } = await params;
    const version = new URL(request.url).searchParams.get("version") ?? undefined;
    const policy = policies.getPolicy(id, version);
    if (!policy)
      return jsonError(404, `No policy ${id}${version ? ` version ${version}` : ""}.`, [
        {
          path: version ? "version" : "id",
          message: "is not listed; GET /api/policies lists them",
        },
      ]);
    return jsonOk(describePolicy(policy), { "Cache-Control": "public, max-age=3600" });
  },
});
export const OPTIONS = () => corsPreflight(["GET"]);
