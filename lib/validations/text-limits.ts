// The free-text limit every message of a request shares, and the labels that name it. Kept apart
// from the schemas so a form can name the limit without shipping the schemas to the browser.

export const MAX_TEXT = 4000;
const MAX_TEXT_SHOWN = MAX_TEXT.toLocaleString("en-US");

/** The label of a free-text field, naming its limit. */
export const textLabel = (name: string) =>
  `${name} (required, at most ${MAX_TEXT_SHOWN} characters)`;

export const RATIONALE_LABEL = textLabel("Rationale");
/** The rationale field when the decision asks the physician for information. */
export const QUESTION_LABEL = textLabel("Question to the physician");

/** A free-text field that may be left empty, by its label, naming its limit. */
export const optionalTextLabel = (name: string) => `${name} (at most ${MAX_TEXT_SHOWN} characters)`;

/** "The reply must be at most 4,000 characters". */
export const tooLong = (what: string) => `${what} must be at most ${MAX_TEXT_SHOWN} characters`;
