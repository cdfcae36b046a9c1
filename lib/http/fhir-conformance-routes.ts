import "server-only";
import {
  conformanceResources,
  readConformance,
  searchConformance,
  type ConformanceType,
} from "@/lib/fhir/conformance";
import { allVersions, currentVersions } from "@/lib/server/policies";
import { corsHandlers, corsPreflight } from "./cors";
import { serverFhirBase } from "./fhir-base";
import { fhirError, fhirJson, fhirMethodNotAllowed } from "./fhir-response";

// Published conformance resources change only with a release: a client may keep them an hour.
const CACHE = { "Cache-Control": "public, max-age=3600" };

const readOnly = <C>(get: (request: Request, context: C) => Promise<Response> | Response) => ({
  ...corsHandlers({ ...fhirMethodNotAllowed(["GET"]), GET: get }),
  OPTIONS: () => corsPreflight(["GET"]),
});

/** GET /api/fhir/<type>?url=…: a searchset Bundle over every version of every policy. */
export const conformanceSearch = (type: ConformanceType) =>
  readOnly((request: Request) => {
    const url = new URL(request.url).searchParams.get("url");
    return fhirJson(searchConformance(serverFhirBase(), allVersions(), type, url), 200, CACHE);
  });

/** GET /api/fhir/<type>/<id>: the resource of the version in force today, or a FHIR 404. */
export const conformanceRead = (type: ConformanceType) =>
  readOnly(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
    const { id } = await params;
    const resource = conformanceResources(serverFhirBase(), currentVersions(), type).find(
      (r) => r.id === id,
    );
    if (!resource)
      return fhirError(404, "not-found", `No ${type} ${id}; GET /api/fhir/${type} lists them.`);
    return fhirJson(resource, 200, CACHE);
  });

/** GET /api/fhir/<type>/<id>/_history/<version>: one version of the resource. */
export const conformanceVersionRead = (type: ConformanceType) =>
  readOnly(
    async (_request: Request, { params }: { params: Promise<{ id: string; version: string }> }) => {
      const { id, version } = await params;
      const resource = readConformance(serverFhirBase(), allVersions(), type, id, version);
      if (!resource) return fhirError(404, "not-found", `No ${type} ${id} version ${version}.`);
      return fhirJson(resource, 200, CACHE);
    },
  );
