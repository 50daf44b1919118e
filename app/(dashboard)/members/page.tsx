import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.members" plan="plan.members" needs="members.view" />;
}
