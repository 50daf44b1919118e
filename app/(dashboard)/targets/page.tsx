import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.targets" plan="plan.targets" needs="targets.set" />;
}
