import type { Metadata } from "next";
import { TrainingsView } from "@/components/appointments/trainings-view";
import { trainingsPageData } from "@/lib/trainings/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Trainings" };

export default async function TrainingsPage() {
  return (
    <>
      <ReadLagNote />
      <TrainingsView {...await trainingsPageData()} />
    </>
  );
}
