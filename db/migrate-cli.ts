import { getDbHandle, migrateDb } from "./client";

const handle = await getDbHandle();
await migrateDb(handle);
console.log(`migrations applied (${handle.engine}: ${handle.location})`);
await handle.close();
