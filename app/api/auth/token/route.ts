import { methodNotAllowed } from "@/lib/http/json-response";
import { tokenRequest } from "@/lib/smart/token-endpoint";

export const POST = tokenRequest;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
