import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WizardPage } from "@/components/wizard/wizard-page";
import { policies } from "@/lib/server/policies";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const policy = policies.getPolicy((await params).id);
  return { title: policy ? `${policy.meta.shortName}: questionnaire` : "No such policy" };
}

export default async function PolicyWizardPage({ params }: Props) {
  const policy = policies.getPolicy((await params).id);
  if (!policy) notFound();
  return <WizardPage policy={policy} />;
}
