import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.coverage" plan="plan.coverage" needs="coverage.view" />;
}
