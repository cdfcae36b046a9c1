// Pure: what a request for more information about a PAS request asks the EHR to send for each
// criterion (PAS 2.0.1 and 2.2 alike: a LOINC attachment code in the CommunicationRequest's
// payload.contentString, no X12 PWK01 category). The reviewer chooses one per criterion, in
// plain words; the code is what the EHR reads.

export interface PendDocument {
  /** LOINC: an attachment type from PAS's pas-loinc-attachment-codes, or 102089-0. */
  code: string;
  /** What the reviewer reads in the form. */
  label: string;
}

/** Questions the EHR can answer as data: a follow-up Questionnaire fetched with a DTR context id. */
export const DATA_REQUEST_LOINC = "102089-0";

export const PEND_DOCUMENTS: readonly PendDocument[] = [
  { code: "11502-2", label: "Laboratory report" },
  { code: "11526-1", label: "Pathology study" },
  { code: "11506-3", label: "Progress note" },
  { code: "11488-4", label: "Consult note" },
  {
    code: DATA_REQUEST_LOINC,
    label: "Answers to the questions, sent by the EHR as data (a short form)",
  },
];

export const isPendDocument = (code: string) => PEND_DOCUMENTS.some((d) => d.code === code);

/** The reviewer's questions, one a line: each is one text item of the follow-up Questionnaire. */
export const reviewerQuestions = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
