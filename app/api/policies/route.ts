import { corsHandlers, corsPreflight } from "@/lib/http/cors";
import { jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { policies } from "@/lib/server/policies";

/** The policies this server reads, each with its versions and the one in force today. */
export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...methodNotAllowed(["GET"]),
  GET: () =>
    jsonOk(
      {
        policies: policies.entries.map(({ package: { meta, versions } }) => ({
          id: meta.id,
          number: meta.number,
          title: meta.title,
          documentType: meta.documentType,
          publisher: meta.publisher,
          services: meta.services,
          current: policies.getPolicy(meta.id)!.version,
          versions: versions.map((v) => ({
            version: v.version,
            effectiveDate: v.effectiveDate,
            nextReviewDate: v.nextReviewDate,
            rulesRevision: v.rulesRevision,
          })),
        })),
      },
      { "Cache-Control": "public, max-age=3600" },
    ),
});
export const OPTIONS = () => corsPreflight(["GET"]);
