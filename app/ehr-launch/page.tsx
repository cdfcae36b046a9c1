import type { Metadata } from "next";
import Link from "next/link";
import { TimedText } from "@/components/ui/timed-text";
import { WizardPage } from "@/components/wizard/wizard-page";
import { consumeLaunch, LAUNCH_MINUTES, type LaunchOpening } from "@/lib/cds-hooks/launches";
import { keepValidAnswers } from "@/lib/policy/engine/answers-schema";
import type { Timed } from "@/lib/requests/labels";
import { appContext } from "@/lib/server/app-context";
import { policies } from "@/lib/server/policies";
import { wizardHref } from "@/lib/server/policy-links";

export const metadata: Metadata = { title: "Questionnaire opened from the EHR" };
// Each opening uses the launch up: rendered per request, never cached. A HEAD, a prefetch or a
// link unfurler never reaches this page (proxy.ts, lib/cds-hooks/launch-preview.ts).
export const dynamic = "force-dynamic";

type Params = Record<string, string | string[] | undefined>;

/**
 * The page a CRD card links to (/ehr-launch?launch=<id>): the policy's questionnaire with what the
 * EHR records filled in, each answer marked for the physician to confirm. The id is opaque,
 * single-use and short-lived; the answers are looked up on the server, never carried in the URL.
 */
export default async function EhrLaunchPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { launch } = await searchParams;
  const opened: LaunchOpening =
    typeof launch === "string"
      ? await consumeLaunch((await appContext()).db, launch)
      : { ok: false, reason: "unknown" };
  const policy = opened.ok ? policies.getPolicy(opened.policyId) : undefined;
  if (!opened.ok || !policy) {
    const fallback = policies.getPolicy(policies.defaultId)!;
    const { heading, lines } = notOpened(opened.ok ? { ok: false, reason: "unknown" } : opened);
    return (
      <main id="main" className="mx-auto max-w-3xl p-4 sm:p-8">
        <h1 className="text-2xl font-semibold">{heading}</h1>
        {lines.map((line, i) => (
          <p key={i} className="mt-4">
            <TimedText value={line} />
          </p>
        ))}
        <p className="mt-4">
          <Link href={wizardHref(fallback.id)} className="text-blue-800 underline">
            Open the {fallback.meta.shortName} questionnaire
          </Link>
        </p>
      </main>
    );
  }
  const { prefill } = opened;
  const answers = keepValidAnswers(policy, prefill.answers);
  // Evidence only for the answers kept; hints only for the policy's questions.
  const evidence = Object.fromEntries(
    Object.entries(prefill.evidence).filter(([field]) => field in answers),
  );
  const hints = prefill.hints.filter((h) => policy.questions.some((q) => q.field === h.field));
  return <WizardPage policy={policy} prefill={{ answers, evidence, hints }} />;
}

const AGAIN =
  "Open the order in the EHR again for a new link, or answer the questionnaire yourself.";
const ONCE = `A questionnaire link from the EHR works once, for ${LAUNCH_MINUTES} minutes, so that what it carries cannot be opened by anyone else later.`;

/** Why a link did not open, told apart: never opened (or not ours), opened already, expired. */
function notOpened(opened: Exclude<LaunchOpening, { ok: true }>): {
  heading: string;
  lines: Timed[];
} {
  switch (opened.reason) {
    case "spent":
      return {
        heading: "This link from the EHR was already opened",
        lines: [["It was opened on ", { at: opened.at }, "."], ONCE, AGAIN],
      };
    case "expired":
      return {
        heading: "This link from the EHR has expired",
        lines: [["It expired on ", { at: opened.at }, ", before it was opened."], ONCE, AGAIN],
      };
    default:
      return {
        heading: "This link from the EHR was not found",
        lines: [
          "The address has no link this server knows: it may be cut short or mistyped, or more than a day old (an opened or expired link is remembered for a day, then forgotten).",
          AGAIN,
        ],
      };
  }
}
