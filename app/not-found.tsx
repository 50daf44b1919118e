import { NotFoundNote } from "@/components/shell/not-found-note";

/** An unknown address outside the dashboard's frame: the page's one main landmark holds the message. */
export default function NotFound() {
  return (
    <main id="content">
      <NotFoundNote />
    </main>
  );
}
