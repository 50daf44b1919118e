import { ComingSoon } from "@/components/shell/coming-soon";

export default function Page() {
  return <ComingSoon title="nav.users" plan="plan.users" needs="users.manage" />;
}
