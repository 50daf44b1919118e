import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { asDrizzle } from "@/db/named-query";

describe("named queries on the Drizzle path", () => {
  it("binds each $n to its value, whatever the order and however many digits", () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    const q = new PgDialect().sqlToQuery(asDrizzle({ name: "t", text: "SELECT $2::int, $1::text, $10, $1" }, values));
    expect(q.sql).toBe("SELECT $1::int, $2::text, $3, $4");
    expect(q.params).toEqual(["v2", "v1", "v10", "v1"]);
  });

  it("passes arrays through as one parameter", () => {
    const q = new PgDialect().sqlToQuery(asDrizzle({ name: "t", text: "SELECT * FROM unnest($1::text[])" }, [["a", "b"]]));
    expect(q.params).toEqual([["a", "b"]]);
  });
});
