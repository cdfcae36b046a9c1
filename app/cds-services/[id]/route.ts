import { hookMethodNotAllowed, hookRoute } from "@/lib/cds-hooks/hook-route";

type Context = { params: Promise<{ id: string }> };

export const POST = async (request: Request, { params }: Context) =>
  hookRoute(request, (await params).id);
export const { GET, PUT, PATCH, DELETE, OPTIONS } = hookMethodNotAllowed(["POST"]);
