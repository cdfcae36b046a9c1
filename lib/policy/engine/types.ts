// The shape of a policy package: plain data, so a policy travels from the server to the browser
// as props and the same engine reads any policy. `F` is the union of the policy's field names;
// definePolicy infers it from the questions, so a gate naming another field is a type error.

export type AnswerValue = string | number | boolean;

/** One case's answers: the policy's wire format. Every field is optional while filling in. */
export type Answers<F extends string = string> = Partial<Record<F, AnswerValue>>;

/** A test on one answer; a list of conditions holds when every one of them holds. */
export type Condition<F extends string = string> =
  /** `as` names the set of values in sentences ("the diagnosis is a hematologic malignancy"). */
  | { field: F; in: readonly AnswerValue[]; as?: string }
  | { field: F; below: number }
  | { field: F; atLeast: number };

/** Help shown with an option only when its conditions hold on the answers given. */
export interface ConditionalHelp<F extends string = string> {
  when: readonly Condition<F>[];
  /** Written to read correctly on its own too: FHIR carries it without its condition. */
  text: string;
}

/** A sentence of the policy's background that its coverage statements do not adopt. */
export interface NotAdopted {
  passage: string;
  /** Verbatim from the passage. */
  quote: string;
  /** Why it is background and not support. */
  why: string;
}

export interface AnswerOption<F extends string = string> {
  value: AnswerValue;
  /** The contract's option label, word for word. */
  label: string;
  help?: string;
  helpWhen?: ConditionalHelp<F>;
  /** Shown beside the option, never cited as its support. */
  notAdopted?: NotAdopted;
  /** CPT code of the service the option names. */
  cpt?: string;
  cites: readonly string[];
}

interface QuestionBase<F extends string> {
  field: F;
  /** The contract's question, word for word. */
  text: string;
  /** What the answer is about, for sentences like "asked only when the prior HSCT is …". */
  subject: string;
  help?: string;
  /** Asked only when every condition holds on the answers that are themselves asked. */
  askedWhen: readonly Condition<F>[];
  cites: readonly string[];
}

export type ChoiceQuestion<F extends string = string> = QuestionBase<F> & {
  kind: "choice";
  options: readonly AnswerOption<F>[];
};

export type NumberQuestion<F extends string = string> = QuestionBase<F> & {
  kind: "number";
  /** The text field's own label, before its unit and range. */
  inputLabel: string;
  min: number;
  max: number;
  /** A UCUM unit ("%", "mg"). */
  unit: string;
};

export type Question<F extends string = string> = ChoiceQuestion<F> | NumberQuestion<F>;

/** The first rule of a gate whose conditions hold gives the gate's state. */
export interface Rule<F extends string = string> {
  when: readonly Condition<F>[];
  state: "met" | "not-met";
  /** Present when this rule decides the case: one of the policy's determinations. */
  determination?: string;
  /** One sentence a physician and a reviewer read as the reason. */
  reason: string;
  cites: readonly string[];
  /** A caution the trace shows beside the reason; it never changes the determination. */
  note?: string;
}

interface GateBase<F extends string> {
  /** The gate's number in the policy's contract; several gates may share one. */
  step: number;
  title: string;
  rules: readonly Rule<F>[];
}

/** A gate that asks one question; the question's "asked when" says when it applies. */
export interface QuestionGate<F extends string = string> extends GateBase<F> {
  field: F;
}

/** A gate that asks nothing: reached with `appliesWhen` holding, its rules conclude the case. */
export interface ConclusionGate<F extends string = string> extends GateBase<F> {
  field?: undefined;
  appliesWhen: readonly Condition<F>[];
}

export type Gate<F extends string = string> = QuestionGate<F> | ConclusionGate<F>;

/** How a determination looks: a colour family chosen by what it means, never by its name. */
export type DeterminationTone = "approve" | "deny" | "experimental" | "refer" | "incomplete";

export interface DeterminationDef {
  value: string;
  /** The contract's "shown as". */
  label: string;
  tone: DeterminationTone;
}

/** The value every policy uses for a case that needs another answer. */
export const INCOMPLETE = "incomplete";

/** A passage of the policy document, quoted verbatim (inline markdown as in the source). */
export interface Passage {
  id: string;
  /** Section headings, outermost first, spelled as in the source. */
  section: readonly string[];
  /** Source lines: paragraphs, "- " list items, or tab-separated table rows. */
  lines: readonly string[];
}

export interface PolicyMeta {
  /** Stable id: the URL segment, the FHIR Questionnaire id, the draft key, the requests' policy_id. */
  id: string;
  number: string;
  documentType: string;
  title: string;
  publisher: string;
  copyright: string;
  /** The services the policy governs, for lists of what needs prior authorization. */
  services: readonly { label: string; cpt: string }[];
  /** The short name the header, the PDF and messages use. */
  shortName: string;
}

/** What differs from one version of a policy to the next; anything not given is inherited. */
export interface PolicyVersionDef<F extends string = string> {
  /** Identifies the version: the policy document's own effective date, for instance. */
  version: string;
  effectiveDate: string;
  nextReviewDate?: string;
  /** The revision of the package's decision contract this version's rules implement. */
  rulesRevision: number;
  /** When that rules revision was made. */
  rulesRevisionDate: string;
  questions?: readonly Question<F>[];
  gates?: readonly Gate<F>[];
  passages?: readonly Passage[];
}

export interface PolicyDefinition<F extends string> {
  meta: PolicyMeta;
  /** Oldest first. */
  versions: readonly PolicyVersionDef<NoInfer<F>>[];
  questions: readonly Question<F>[];
  gates: readonly Gate<NoInfer<F>>[];
  determinations: readonly DeterminationDef[];
  /** The line shown beneath every determination. */
  determinationNote: string;
  passages: readonly Passage[];
}

/** One version of one policy, everything resolved: what `evaluate` reads. Plain data. */
export interface Policy<F extends string = string> {
  id: string;
  meta: PolicyMeta;
  version: string;
  effectiveDate: string;
  nextReviewDate?: string;
  rulesRevision: number;
  rulesRevisionDate: string;
  questions: readonly Question<F>[];
  gates: readonly Gate<F>[];
  determinations: readonly DeterminationDef[];
  determinationNote: string;
  passages: readonly Passage[];
}

/** A policy as the browser gets it: the rules and wording, without the document's passages. */
export type PolicyRules<F extends string = string> = Omit<Policy<F>, "passages">;

export interface PolicyPackage<F extends string = string> {
  meta: PolicyMeta;
  /** Oldest first. */
  versions: readonly Policy<F>[];
}
