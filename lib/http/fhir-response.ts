import "server-only";

export function fhirJson(resource: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(resource), {
    status,
    headers: {
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}
