import type { Metadata } from "next";
import { TrainingView } from "@/components/appointments/training-view";
import { trainingPageData } from "@/lib/trainings/pages";
import { ReadLagNote } from "@/components/shell/read-lag-note";

export const metadata: Metadata = { title: "Training attendance" };

export default async function TrainingPage({ params }: { params: Promise<{ id: string }> }) {
  return (
    <>
      <ReadLagNote />
      <TrainingView {...await trainingPageData(params)} />
    </>
  );
}
