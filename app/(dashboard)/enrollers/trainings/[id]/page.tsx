import type { Metadata } from "next";
import { TrainingView } from "@/components/appointments/training-view";
import { trainingPageData } from "@/lib/trainings/pages";

export const metadata: Metadata = { title: "Training attendance" };

export default async function TrainingPage({ params }: { params: Promise<{ id: string }> }) {
  return <TrainingView {...await trainingPageData(params)} />;
}
