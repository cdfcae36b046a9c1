import { conformanceVersionRead } from "@/lib/http/fhir-conformance-routes";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = conformanceVersionRead("ValueSet");
