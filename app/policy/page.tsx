import type { Metadata } from "next";
import { PolicyDocument } from "@/components/policy/policy-document";
import { defaultPolicy, policies } from "@/lib/server/policies";
import { policyDocumentProps } from "@/lib/server/policy-page";

export function generateMetadata(): Metadata {
  const { meta } = defaultPolicy();
  return { title: `Policy ${meta.number}: ${meta.title}` };
}

export default async function PolicyPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const props = policyDocumentProps(policies.defaultId, (await searchParams).version)!;
  return <PolicyDocument {...props} />;
}
