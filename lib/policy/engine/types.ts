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

/**
 * Words that belong to some cases only: shown when every condition holds on the case's answers
 * (a help text for one service, a question worded for one service).
 */
export interface CaseText<F extends string = string> {
  when: readonly Condition<F>[];
  text: string;
  /** Passages behind these words, cited only in the cases they are shown. */
  cites?: readonly string[];
}

/**
 * Passages that belong to some cases only (one service's coverage statement on a question both
 * services ask): cited while every condition holds, or may still hold because its answer is not
 * given yet — so a question read before its service is known shows the passages of both.
 */
export interface CaseCites<F extends string = string> {
  when: readonly Condition<F>[];
  cites: readonly string[];
}

/** A sentence of the policy shown beside an option, never cited as its support. */
export interface BesideQuote {
  passage: string;
  /** Verbatim from the passage. */
  quote: string;
  /** Why it is shown there: background not adopted, or a sentence a reviewer may weigh. */
  why: string;
}

export interface AnswerOption<F extends string = string> {
  value: AnswerValue;
  /** The contract's option label, word for word. */
  label: string;
  help?: string;
  /** Help shown with the option only in the cases it names. */
  helpFor?: readonly CaseText<F>[];
  /**
   * Offered only when these conditions hold on the answers asked before. Given anyway (by the
   * API, a FHIR import or an old draft), the answer counts as not given, for `otherwise`'s reason.
   */
  offered?: { when: readonly Condition<F>[]; otherwise: string };
  beside?: BesideQuote;
  /** CPT code of the service the option names. */
  cpt?: string;
  cites: readonly string[];
  /** Passages behind the option in the cases they name only (before `cites`). */
  citesFor?: readonly CaseCites<F>[];
}

interface QuestionBase<F extends string> {
  field: F;
  /** The contract's question, word for word; where it is worded per case, the wording for no case. */
  text: string;
  /** The question worded for the cases it names (the first that holds). */
  textFor?: readonly CaseText<F>[];
  /** What the answer is about, for sentences like "asked only when the prior HSCT is …". */
  subject: string;
  help?: string;
  /** Help shown with the question only in the cases it names. */
  helpFor?: readonly CaseText<F>[];
  /** Asked only when every condition holds on the answers that are themselves asked. */
  askedWhen: readonly Condition<F>[];
  cites: readonly string[];
  /** Passages behind the question in the cases they name only (before `cites`). */
  citesFor?: readonly CaseCites<F>[];
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
  /**
   * For an adverse reading whose likeliest cause is a wrong answer: what the reviewer asks the
   * physician first. The reviewer's form then starts at "request more information", never at a
   * prefilled denial.
   */
  askFirst?: string;
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
