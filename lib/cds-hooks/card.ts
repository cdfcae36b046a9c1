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
  uuid: string;
}

export function coverageCard(c: CardInput) {
  const prefilled = c.prefilled.length
    ? `${c.prefilled.length} ${c.prefilled.length === 1 ? "answer is" : "answers are"} filled in from the EHR (${c.prefilled.join(", ")}), each marked for you to confirm.`
    : "Nothing could be filled in from the EHR.";
  return {
    uuid: c.uuid,
    summary:
      `Prior authorization required: ${c.serviceLabel.replace(/ \(.*\)$/, "")} (CPT ${c.cpt}), ${c.policyShortName}`.slice(
        0,
        140,
      ),
    indicator: "info",
    detail: [
      `${c.policyTitle} requires prior authorization for CPT ${c.cpt} (${c.serviceLabel}); it is covered when the policy's medical-necessity criteria are met.`,
      `Complete the policy's questionnaire: ${prefilled} The link works once, for ${c.launchMinutes} minutes; then submit the request (PAS).`,
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
