import { WizardPage } from "@/components/wizard/wizard-page";
import { defaultPolicy } from "@/lib/server/policies";

export default function HomePage() {
  return <WizardPage policy={defaultPolicy()} />;
}
