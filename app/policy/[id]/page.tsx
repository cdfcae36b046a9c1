import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyDocument } from "@/components/policy/policy-document";
import { policies } from "@/lib/server/policies";
import { policyDocumentProps } from "@/lib/server/policy-page";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const policy = policies.getPolicy((await params).id);
  return {
    title: policy ? `Policy ${policy.meta.number}: ${policy.meta.title}` : "No such policy",
  };
}

export default async function PolicyByIdPage({ params, searchParams }: Props) {
  const props = policyDocumentProps((await params).id, (await searchParams).version);
  if (!props) notFound();
  return <PolicyDocument {...props} />;
}
