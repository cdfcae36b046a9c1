import { assignmentRoute } from "@/lib/http/assignment-route";
import { methodNotAllowed } from "@/lib/http/json-response";

export const POST = assignmentRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
