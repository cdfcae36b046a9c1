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
  "non-malignant",
] as const;
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
export interface Answers {
  service?: Service;
  priorTransplant?: PriorTransplant;
  sameDonor?: boolean;
  preparativeRegimen?: boolean;
  diagnosis?: Diagnosis;
  dliIndication?: DliIndication;
  boostIndication?: BoostIndication;
  donorChimerismPercent?: number;
}

/** The contract's fields, in the order their gates are asked. */
export const FIELDS = [
  "service",
  "priorTransplant",
  "sameDonor",
  "preparativeRegimen",
  "diagnosis",
  "dliIndication",
  "boostIndication",
  "donorChimerismPercent",
] as const satisfies readonly (keyof Answers)[];

export type Field = (typeof FIELDS)[number];
export type AnswerValue = NonNullable<Answers[Field]>;
