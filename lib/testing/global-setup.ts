import { dropLeftoverTestDatabases } from "@/lib/testing/db";

export async function setup() {
  await dropLeftoverTestDatabases();
}

export async function teardown() {
  await dropLeftoverTestDatabases();
}
