import { methodNotAllowed } from "@/lib/http/json-response";
import { requestStatusRoute } from "@/lib/http/request-status-route";

export const GET = requestStatusRoute;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
