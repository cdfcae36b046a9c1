import { conformanceRead } from "@/lib/http/fhir-conformance-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = conformanceRead("ValueSet");
