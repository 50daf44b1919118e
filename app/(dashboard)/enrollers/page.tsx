import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.enrollers" plan="plan.enrollers" needs="enrollers.manage" />;
}
