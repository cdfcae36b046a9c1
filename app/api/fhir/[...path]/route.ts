import { fhirError } from "@/lib/http/fhir-response";

// Anything under the FHIR base that no route serves: a FHIR 404, never the HTML not-found page.
const notFound = (request: Request) =>
  fhirError(
    404,
    "not-found",
    `Nothing is served at ${new URL(request.url).pathname}; GET /api/fhir/metadata lists what is.`,
  );

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
