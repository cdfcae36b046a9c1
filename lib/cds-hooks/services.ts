// Pure: the CDS services this server offers (CDS Hooks 2.0 §Discovery), for CRD STU 2.1.

export type HookName = "order-select" | "order-sign";

export interface CdsService {
  id: string;
  hook: HookName;
  title: string;
  description: string;
  /** Prefetch templates (CDS Hooks 2.0 §Prefetch Template): this service reads no FHIR server. */
  prefetch: Record<string, string>;
}

// Only what the answers need: the coverage the system action must name (CRD 2.1 makes it 1..1),
// and the conditions and procedures whose codes prefill the questionnaire. No Patient: the card
// and the launch carry no patient identifier.
const PREFETCH = {
  coverage: "Coverage?patient={{context.patientId}}&status=active",
  // rules-0261.md r3: Conditions in remission count (pre-emptive DLI is given in remission).
  conditions:
    "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse,remission",
  procedures: "Procedure?patient={{context.patientId}}&status=completed",
};

const description = (when: string) =>
  `${when}: for a draft ServiceRequest whose CPT code a listed coverage policy governs (today 38242 DLI and 38243 HPC boost), says that prior authorization is required, links to the policy's questionnaire with what the EHR already records filled in for the clinician to confirm, and adds the Da Vinci CRD coverage-information extension to the order.`;

export const CDS_SERVICES: readonly CdsService[] = [
  {
    id: "coverage-order-select",
    hook: "order-select",
    title: "Prior authorization requirements (order select)",
    description: description("When an order is selected"),
    prefetch: PREFETCH,
  },
  {
    id: "coverage-order-sign",
    hook: "order-sign",
    title: "Prior authorization requirements (order sign)",
    description: description("When orders are signed"),
    prefetch: PREFETCH,
  },
];

export const cdsService = (id: string) => CDS_SERVICES.find((s) => s.id === id);

/** GET /cds-services: the discovery response, with CRD's configuration options (CRD 2.1 §Hook configuration). */
export function discovery() {
  return {
    services: CDS_SERVICES.map((service) => ({
      ...service,
      extension: {
        "davinci-crd.configuration-options": [
          {
            code: "coverage-info",
            type: "boolean",
            name: "Coverage information",
            description:
              "Whether prior authorization is needed, with the order's coverage-information extension and a link to the policy's questionnaire",
            default: true,
          },
        ],
      },
    })),
  };
}
