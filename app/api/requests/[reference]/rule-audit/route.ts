import { methodNotAllowed } from "@/lib/http/json-response";
import { ruleAuditRoute } from "@/lib/http/rule-audit-route";

export const POST = ruleAuditRoute;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["POST"]);
