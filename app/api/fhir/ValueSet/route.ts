import { conformanceSearch } from "@/lib/http/fhir-conformance-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = conformanceSearch("ValueSet");
