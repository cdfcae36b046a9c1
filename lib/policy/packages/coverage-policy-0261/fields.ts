export const SERVICES = ["dli", "hpc-boost"] as const;
export const PRIOR_TRANSPLANTS = ["allogeneic", "autologous", "none"] as const;
export const DIAGNOSES = [
  "aml",
  "all",
  "cml",
  "mds",
  "multiple-myeloma",
  "nhl",
  "hodgkin",
  "cmml",
  "myelofibrosis",
  "other-hematologic-malignancy",
  "solid-tumor",
  "non-malignant",
] as const;
/** The diagnoses for which DLI is not a hematologic-malignancy use (gate 2). */
export const NOT_HEMATOLOGIC_MALIGNANCY = ["solid-tumor", "non-malignant"] as const;
export const HEMATOLOGIC_MALIGNANCIES = DIAGNOSES.filter(
  (d) => !(NOT_HEMATOLOGIC_MALIGNANCY as readonly string[]).includes(d),
);
export const DLI_INDICATIONS = [
  "relapsed",
  "persistent",
  "refractory",
  "high-risk-of-relapse",
  "other",
] as const;
export const BOOST_INDICATIONS = ["promote-engraftment", "enhance-chimerism", "other"] as const;
export const CHIMERISM_MIN = 0;
export const CHIMERISM_MAX = 100;

export type Service = (typeof SERVICES)[number];
export type PriorTransplant = (typeof PRIOR_TRANSPLANTS)[number];
export type Diagnosis = (typeof DIAGNOSES)[number];
export type DliIndication = (typeof DLI_INDICATIONS)[number];
export type BoostIndication = (typeof BOOST_INDICATIONS)[number];

/** One case's answers: the contract's wire format. Every field is optional while filling in. */
export type Answers = {
  service?: Service;
  diagnosis?: Diagnosis;
  dliIndication?: DliIndication;
  priorTransplant?: PriorTransplant;
  sameDonor?: boolean;
  preparativeRegimen?: boolean;
  boostIndication?: BoostIndication;
  donorChimerismPercent?: number;
};

/** The contract's fields, in the order their gates are asked (revision 2: DLI's use first). */
export const FIELDS = [
  "service",
  "diagnosis",
  "dliIndication",
  "priorTransplant",
  "sameDonor",
  "preparativeRegimen",
  "boostIndication",
  "donorChimerismPercent",
] as const satisfies readonly (keyof Answers)[];

export type Field = (typeof FIELDS)[number];
