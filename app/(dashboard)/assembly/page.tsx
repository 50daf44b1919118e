import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.assembly" plan="plan.progress" needs="progress.view" />;
}
