import { openDb } from "./db/client";
import { loadViewer } from "./lib/auth/viewer";
import { overviewTotals } from "./lib/progress/queries";
const h = await openDb({ url: "postgres://postgres@127.0.0.1:5432/sadasyata_e2e" });
const v = await loadViewer(h.db, 2);
console.log(v);
console.time("q"); console.log(await overviewTotals(h.db, v!)); console.timeEnd("q");
await h.close();
