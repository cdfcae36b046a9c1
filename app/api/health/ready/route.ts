import { methodNotAllowed } from "@/lib/http/json-response";
import { readiness } from "@/lib/server/readiness";

// Asked afresh every time: a cached answer would hide a database that went away.
export const dynamic = "force-dynamic";
export const GET = readiness;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed(["GET"]);
