import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.audit" plan="plan.audit" needs="audit.view" />;
}
