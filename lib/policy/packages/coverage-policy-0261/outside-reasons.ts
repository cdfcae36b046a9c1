// rules-0261.md r3, gates 4 to 6: what this policy does not describe is referred, never denied.
// One spelling of each sentence: the gates give them as reasons, the questions as help beside the
// answer that leads there.

/** An HPC boost with another cell source, with conditioning or with no prior HSCT. */
export const TRANSPLANT =
  "a transplant (CPT 38240 allogeneic / 38241 autologous), reviewed under the applicable transplant policy";

/** The same for a DLI, which is not a stem-cell transplant: a medical director decides. */
export const DLI_REASONS = {
  otherSource:
    "Lymphocytes from anyone other than the HSCT donor (a new donor, third-party T cells) are not the DLI this policy describes (Overview ¶1; DLI ¶1 'from the same donor'); refer to a medical director.",
  conditioning:
    "A DLI after conditioning is not the DLI this policy describes (DLI ¶1: 'the recipient does not receive a preparative regimen'); refer to a medical director.",
} as const;
