import { NotFoundNote } from "@/components/shell/not-found-note";

/** Not found inside the dashboard: the shell already renders the page's <main>, so the message brings none. */
export default function DashboardNotFound() {
  return <NotFoundNote />;
}
