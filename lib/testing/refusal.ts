import { ActionError } from "@/lib/errors";

/** The ActionError a call throws (fails the test if it resolves or throws something else). */
export async function refusal(p: Promise<unknown>): Promise<ActionError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ActionError) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}
