import { dropLeftoverTestDatabases } from "./testing";

export async function setup() {
  await dropLeftoverTestDatabases();
}

export async function teardown() {
  await dropLeftoverTestDatabases();
}
