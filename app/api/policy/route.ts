import { jsonOk, methodNotAllowed } from "@/lib/http/json-response";
import { describePolicy } from "@/lib/policy/policy-json";

export function GET() {
  return jsonOk(describePolicy(), { "Cache-Control": "public, max-age=3600" });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
