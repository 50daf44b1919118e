import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.itCell" plan="plan.itCell" needs="itcell.manage" />;
}
