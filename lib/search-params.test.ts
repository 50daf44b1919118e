import { describe, expect, it } from "vitest";
import { parseListParams } from "@/lib/appointments/search-params";
import { parseCoverageParams } from "@/lib/coverage/search-params";
import { parseTokensParams } from "@/lib/members/search-params";
import { matching, one, oneOf, page, positiveInt, slug, text } from "@/lib/search-params";

describe("shared URL parsers", () => {
  const sp = { a: "  x  ", blank: " ", many: ["first", "second"], n: "42", zero: "0", neg: "-3", big: "1234567890", s: "durg-rural", S: "Durg" };
  it("reads the first trimmed value; blank is absent", () => {
    expect(one(sp, "a")).toBe("x");
    expect(one(sp, "blank")).toBeUndefined();
    expect(one(sp, "many")).toBe("first");
    expect(one(sp, "missing")).toBeUndefined();
    expect(text({ q: "abcdef" }, "q", 3)).toBe("abc");
    // Nothing PostgreSQL would refuse reaches a query: NUL, control characters, lone surrogates.
    expect(text({ q: "a\u0000b" }, "q", 60)).toBeUndefined();
    expect(text({ q: "a\u0007" }, "q", 60)).toBeUndefined();
    expect(text({ q: "a\uD800" }, "q", 60)).toBeUndefined();
    // Cut by characters, never inside a surrogate pair.
    expect(text({ q: "ab\u{1F600}c" }, "q", 3)).toBe("ab\u{1F600}");
  });
  it("accepts positive whole numbers only, within their digits", () => {
    expect(positiveInt(sp, "n")).toBe(42);
    expect(positiveInt(sp, "zero")).toBeUndefined();
    expect(positiveInt(sp, "neg")).toBeUndefined();
    expect(positiveInt(sp, "big")).toBeUndefined();
    expect(positiveInt(sp, "n", 1)).toBeUndefined();
    expect(page(sp, "zero")).toBe(1);
    expect(page({ page: "3" })).toBe(3);
  });
  it("takes a value from its list or the fallback; slugs and patterns in full", () => {
    expect(oneOf({ t: "b" }, "t", ["a", "b"] as const, "a")).toBe("b");
    expect(oneOf({ t: "c" }, "t", ["a", "b"] as const, "a")).toBe("a");
    expect(oneOf({ t: "c" }, "t", ["a", "b"] as const)).toBeUndefined();
    expect(slug(sp, "s")).toBe("durg-rural");
    expect(slug(sp, "S")).toBeUndefined();
    expect(matching({ r: "ab_1" }, "r", /^[a-z_0-9]{1,4}$/)).toBe("ab_1");
    expect(matching({ r: "ab_12" }, "r", /^[a-z_0-9]{1,4}$/)).toBeUndefined();
  });
});

describe("page params built on them", () => {
  it("the /enrollers and /it-cell lists", () => {
    expect(parseListParams({}, ["chiefs", "booths"] as const)).toEqual({ tab: "chiefs", show: "all", sort: "code", dir: "asc", page: 1 });
    expect(
      parseListParams({ tab: "booths", district: "raipur", block: "7", ac: "49", show: "untrained", q: " 049 ", sort: "holders", dir: "desc", page: "2" }, ["chiefs", "booths"] as const),
    ).toEqual({ tab: "booths", district: "raipur", block: 7, ac: 49, show: "untrained", q: "049", sort: "holders", dir: "desc", page: 2 });
    expect(parseListParams({ tab: "x", district: "Raipur!", block: "0", show: "odd", sort: "x", dir: "up", page: "-1" }, ["a"] as const)).toEqual({
      tab: "a",
      show: "all",
      sort: "code",
      dir: "asc",
      page: 1,
    });
  });
  it("/coverage", () => {
    expect(parseCoverageParams({}, ["ac", "district"])).toEqual({ by: "ac", sort: "share", dir: "asc", page: 1 });
    expect(parseCoverageParams({ by: "district", sort: "booths", dir: "desc", ac: "1234567", district: "durg", page: "4" }, ["ac", "district"])).toEqual({
      by: "district",
      sort: "booths",
      dir: "desc",
      district: "durg",
      page: 4,
    });
  });
  it("/members/tokens", () => {
    expect(parseTokensParams({})).toEqual({ q: "", filter: "active", page: 1, revoked: null });
    expect(parseTokensParams({ q: "x".repeat(100), filter: "revoked", page: "3", revoked: "sdy_AbC1" })).toEqual({ q: "x".repeat(80), filter: "revoked", page: 3, revoked: "sdy_AbC1" });
    expect(parseTokensParams({ filter: "odd", page: "x", revoked: "<script>" })).toEqual({ q: "", filter: "active", page: 1, revoked: null });
  });
});
