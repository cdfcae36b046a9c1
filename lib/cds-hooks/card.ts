import { CRD_TEMP_CODES } from "./coverage-information";

// Pure: the card that goes with an order's coverage-information. CRD 2.1 §Coverage Information
// Response Type lets a payer without DTR "provide a 'link' or 'information' card pointing to the
// forms or portal to use to capture the additional information … preferred if a separate logon
// is not needed (e.g., with temporary/high-entropy links)": the link opens the policy's
// questionnaire through a single-use launch id, with no patient data in the URL.

export interface CardInput {
  /** "ServiceRequest/<id>" of the draft order. */
  order: string;
  cpt: string;
  serviceLabel: string;
  policyShortName: string;
  policyTitle: string;
  publisher: string;
  policyUrl: string;
  launchUrl: string;
  launchMinutes: number;
  /** The questions answered from the EHR, as the questionnaire names their subjects. */
  prefilled: readonly string[];
  /** How many hints from the EHR are shown beside questions (never answers). */
  hints: number;
  /** The policy's overdue-review sentence, or null. */
  reviewOverdueNotice: string | null;
  uuid: string;
}

/**
 * Shown only for a code on the plan's list of codes that need prior authorization (never on the
 * policy's word alone); it says what the policy finds medically necessary, never "covered".
 */
export function coverageCard(c: CardInput) {
  const prefilled = c.prefilled.length
    ? `${c.prefilled.length} ${c.prefilled.length === 1 ? "answer is" : "answers are"} filled in from the EHR (${c.prefilled.join(", ")}), each marked for you to confirm with the code it came from.`
    : "Nothing could be filled in from the EHR.";
  const hints = c.hints
    ? ` ${c.hints} ${c.hints === 1 ? "hint" : "hints"} from the EHR ${c.hints === 1 ? "is" : "are"} shown beside the questions, never as answers.`
    : "";
  return {
    uuid: c.uuid,
    summary:
      `Prior authorization required: ${c.serviceLabel.replace(/ \(.*\)$/, "")} (CPT ${c.cpt}), ${c.policyShortName}`.slice(
        0,
        140,
      ),
    indicator: "info",
    detail: [
      `The plan requires prior authorization for CPT ${c.cpt} (${c.serviceLabel}). It is medically necessary under ${c.policyTitle} when the policy's criteria are met.`,
      `Complete the policy's questionnaire: ${prefilled}${hints} The link works once, for ${c.launchMinutes} minutes; then submit the request (PAS).`,
      ...(c.reviewOverdueNotice ? [c.reviewOverdueNotice] : []),
    ].join("\n\n"),
    source: {
      label: c.publisher,
      url: c.policyUrl,
      topic: { system: CRD_TEMP_CODES, code: "coverage-info", display: "Coverage Information" },
    },
    links: [
      { label: `Open the ${c.policyShortName} questionnaire`, url: c.launchUrl, type: "absolute" },
      { label: `Read ${c.policyShortName}`, url: c.policyUrl, type: "absolute" },
    ],
    extension: { "davinci-crd.associated-resource": [{ reference: c.order }] },
  };
}
