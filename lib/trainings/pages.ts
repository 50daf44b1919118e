import "server-only";
import { notFound } from "next/navigation";
import { readDb } from "@/lib/reads";
import { can } from "@/lib/auth/permissions";
import { requireViewer } from "@/lib/auth/session";
import { districtOptions } from "@/lib/geo/queries";
import { addDays } from "@/lib/dates";
import { daysBegun } from "@/lib/trainings/days";
import { listTrainings, loadTraining, trainingRoster } from "@/lib/trainings/queries";

async function trainingsViewer() {
  const viewer = await requireViewer();
  if (!can(viewer, "enrollers.manage") && !can(viewer, "trainings.manage")) notFound();
  return viewer;
}

/** /enrollers/trainings: the scope's sessions, and the levels at which the viewer may add one. */
export async function trainingsPageData() {
  const viewer = await trainingsViewer();
  const db = await readDb();
  const [sessions, districts] = await Promise.all([listTrainings(db, viewer), districtOptions(db, viewer)]);
  const levels = (["state", "district", "block"] as const).filter((l) => can(viewer, "trainings.manage", l) && (l !== "state" || viewer.scope.level === "state"));
  return { viewer, sessions, districts, levels };
}
export type TrainingsPageData = Awaited<ReturnType<typeof trainingsPageData>>;

/**
 * /enrollers/trainings/[id]: one session the viewer can see (else 404), its roster, and how many of its days
 * have begun (only those can be marked; `nextDay` is the next one to come, if any).
 */
export async function trainingPageData(params: Promise<{ id: string }>) {
  const viewer = await trainingsViewer();
  const { id } = await params;
  if (!/^[0-9]{1,9}$/.test(id)) notFound();
  const db = await readDb();
  const training = await loadTraining(db, viewer, Number(id));
  if (!training) notFound();
  const roster = await trainingRoster(db, viewer, training.id);
  const begun = daysBegun(training, new Date());
  const nextDay = begun < training.days ? addDays(training.startsOn, begun) : null;
  return { training, roster, canMark: can(viewer, "trainings.manage"), begun, nextDay };
}
export type TrainingPageData = Awaited<ReturnType<typeof trainingPageData>>;
