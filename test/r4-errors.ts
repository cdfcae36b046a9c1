import { Fhir, ParseConformance, Versions } from "fhir";

const fhir = new Fhir(new ParseConformance(true, Versions.R4));

/** What the `fhir` package's R4 validator calls an error in `resource`, with where. */
export const r4Errors = (resource: object): string[] =>
  (fhir.validate(resource).messages ?? [])
    .filter((m) => m.severity === "error")
    .map((m) => `${m.location}: ${m.message}`);
