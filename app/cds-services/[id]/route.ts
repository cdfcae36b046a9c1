import { CDS_CORS_HEADERS, hookMethodNotAllowed, hookRoute } from "@/lib/cds-hooks/hook-route";
import { corsHandlers, corsPreflight } from "@/lib/http/cors";

type Context = { params: Promise<{ id: string }> };

// CDS Hooks 2.0 §CORS: a browser-based CDS client on the EHR's origin calls the service with its
// JWT in Authorization.
export const { GET, POST, PUT, PATCH, DELETE } = corsHandlers({
  ...hookMethodNotAllowed(["POST"]),
  POST: async (request: Request, { params }: Context) => hookRoute(request, (await params).id),
});
export const OPTIONS = () => corsPreflight(["POST"], CDS_CORS_HEADERS);
