import type { Metadata } from "next";
import { TrainingsView } from "@/components/appointments/trainings-view";
import { trainingsPageData } from "@/lib/trainings/pages";

export const metadata: Metadata = { title: "Trainings" };

export default async function TrainingsPage() {
  return <TrainingsView {...await trainingsPageData()} />;
}
