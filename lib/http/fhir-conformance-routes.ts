import "server-only";
import { readConformance, searchConformance, type ConformanceType } from "@/lib/fhir/conformance";
import { corsHandlers, corsPreflight } from "./cors";
import { serverFhirBase } from "./fhir-base";
import { fhirError, fhirJson, fhirMethodNotAllowed } from "./fhir-response";

// Published conformance resources change only with a release: a client may keep them an hour.
const CACHE = { "Cache-Control": "public, max-age=3600" };

/** GET /api/fhir/<type>?url=…: a searchset Bundle. */
export function conformanceSearch(type: ConformanceType) {
  return {
    ...corsHandlers({
      ...fhirMethodNotAllowed(["GET"]),
      GET: (request: Request) => {
        const url = new URL(request.url).searchParams.get("url");
        return fhirJson(searchConformance(serverFhirBase(), type, url), 200, CACHE);
      },
    }),
    OPTIONS: () => corsPreflight(["GET"]),
  };
}

/** GET /api/fhir/<type>/<id>: the resource, or a FHIR 404. */
export function conformanceRead(type: ConformanceType) {
  return {
    ...corsHandlers({
      ...fhirMethodNotAllowed(["GET"]),
      GET: async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
        const { id } = await params;
        const resource = readConformance(serverFhirBase(), type, id);
        if (!resource)
          return fhirError(404, "not-found", `No ${type} ${id}; GET /api/fhir/${type} lists them.`);
        return fhirJson(resource, 200, CACHE);
      },
    }),
    OPTIONS: () => corsPreflight(["GET"]),
  };
}
