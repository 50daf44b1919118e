import { describe, expect, it } from "vitest";
import { CsvError, sortProblems } from "@/lib/csv/problems";
import { cell, findColumns, widthProblem } from "@/lib/csv/columns";
import { MAX_RECORD_BYTES } from "@/lib/csv/records";
import { decodeUtf8, decodeUtf8Escaped } from "@/lib/csv/utf8";
import { parseCsv, readTable } from "@/lib/csv/parse";

const enc = (s: string) => new TextEncoder().encode(s);
const BOM = [0xef, 0xbb, 0xbf];

function parseError(bytes: Uint8Array): CsvError {
  try {
    parseCsv(bytes);
  } catch (err) {
    if (err instanceof CsvError) return err;
    throw err;
  }
  throw new Error("expected a CsvError");
}

describe("parseCsv", () => {
  it("reads a header and rows with their line numbers", () => {
    const t = parseCsv(enc("a,b\n1,2\n3,4\n"));
    expect(t.header).toEqual(["a", "b"]);
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 2, values: ["1", "2"] },
      { line: 3, values: ["3", "4"] },
    ]);
  });

  it("drops a UTF-8 byte-order mark", () => {
    const t = parseCsv(new Uint8Array([...BOM, ...enc("ac_no,name\n1,x")]));
    expect(t.header).toEqual(["ac_no", "name"]);
    expect(t.rows).toEqual([{ line: 2, values: ["1", "x"] }]);
  });

  it("accepts CRLF line ends (and a last line without one)", () => {
    const t = parseCsv(enc("a,b\r\n1,2\r\n3,4"));
    expect(t.rows).toEqual([
      { line: 2, values: ["1", "2"] },
      { line: 3, values: ["3", "4"] },
    ]);
  });

  it("handles quoted fields with commas, doubled quotes and empty values", () => {
    const t = parseCsv(enc('a,b,c\n"x, y","say ""hi""",""\n,"",z\n'));
    expect(t.rows.map((r) => r.values)).toEqual([
      ["x, y", 'say "hi"', ""],
      ["", "", "z"],
    ]);
  });

  it("keeps line breaks inside quotes and counts physical lines", () => {
    const t = parseCsv(enc('a,b\n"one\ntwo",1\r\n"three\r\nfour\nfive",2\nlast,3\n'));
    expect(t.rows).toEqual([
      { line: 2, values: ["one\ntwo", "1"] },
      { line: 4, values: ["three\r\nfour\nfive", "2"] },
      { line: 7, values: ["last", "3"] },
    ]);
  });

  it("skips blank lines and rows of empty cells but keeps line numbers true", () => {
    const t = parseCsv(enc("\na,b\n\n1,2\n,\n  \n3,4\n\n"));
    expect(t.headerLine).toBe(2);
    expect(t.blankLines).toEqual([1, 3, 5, 6, 8]);
    expect(t.rows).toEqual([
      { line: 4, values: ["1", "2"] },
      { line: 7, values: ["3", "4"] },
    ]);
  });

  it("keeps Devanagari text intact", () => {
    const t = parseCsv(enc("name,name_hi\nRaipur,रायपुर\n"));
    expect(t.rows[0]?.values).toEqual(["Raipur", "रायपुर"]);
  });

  it("refuses bytes that are not UTF-8 and names the line", () => {
    const bytes = new Uint8Array([...enc("a,b\n1,2\n"), 0x52, 0x61, 0xef, 0x70, 0x75, 0x72, 0x2c, 0x33, 0x0a]);
    const err = parseError(bytes);
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/not UTF-8/);
    expect(err.toProblem()).toEqual({ line: 3, message: err.message });
  });

  it("refuses the first ill-formed cell by line and column (NUL, control character, not UTF-8)", () => {
    expect(parseError(enc("a,b\n1,2\n3,x\u0000y\n")).message).toBe('column "b" contains a NUL character (U+0000), which is not text');
    expect(parseError(enc("a,b\n1,2\n3,x\u0000y\n")).line).toBe(3);
    expect(parseError(enc("a,b\r\n\u001b[31m,2\r\n")).toProblem()).toEqual({ line: 2, message: 'column "a" contains a control character (U+001B)' });
    const cesu = new Uint8Array([...enc('a,b\n1,"x\ny",'), 0xed, 0xa0, 0x80, 0x0a]);
    expect(parseError(cesu).toProblem()).toEqual({ line: 2, message: expect.stringMatching(/^the file is not UTF-8 text: column 3 has the byte 0xED \(perhaps/) });
  });

  it("keeps tabs and line breaks inside quoted cells", () => {
    expect(parseCsv(enc('a\n"x\ty\r\nz"\n')).rows[0]?.values).toEqual(["x\ty\r\nz"]);
  });

  it("refuses an unclosed quote, at the line where the record starts", () => {
    const err = parseError(enc('a,b\n1,2\n"open,3\n4,5\n'));
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/never closed/);
  });

  it("refuses text after a closing quote", () => {
    expect(parseError(enc('a,b\n"x"y,1\n')).line).toBe(2);
  });

  it("names the physical line of text after a closing quote, past CRLFs inside quotes", () => {
    expect(parseError(enc('a,b\r\n"x\r\ny",1\r\n"p\r\nq"z,2\r\n')).line).toBe(5);
    expect(parseError(enc('\uFEFFa,b\r\n"p\r\nq\r\nr"z,2\r\n')).line).toBe(4);
  });

  it("reads a quote inside a value that does not start with one as a plain character", () => {
    expect(parseCsv(enc('a,b\n1,2\n3,5" tall\n4, "x" \n')).rows.map((r) => r.values)).toEqual([["1", "2"], ["3", '5" tall'], ["4", ' "x"']]);
  });

  it("refuses a record over the size limit at the line where it starts", () => {
    const err = parseError(enc(`a,b\n1,2\n"${"x".repeat(MAX_RECORD_BYTES + 1)}\n`));
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/longer than/);
  });

  it("tolerates spaces after a closing quote", () => {
    expect(parseCsv(enc('a,b\n"x" ,1\n')).rows[0]?.values).toEqual(["x", "1"]);
  });

  it("refuses an empty file", () => {
    expect(parseError(enc("")).line).toBeNull();
    expect(parseError(new Uint8Array(BOM)).message).toMatch(/empty/);
  });
});

describe("decoding", () => {
  it("escapes each byte that is not UTF-8 as a lone surrogate, never as U+FFFD, keeping the record structure", () => {
    const bytes = new Uint8Array([...BOM, ...enc("é,"), 0xe9, 0x2c, 0xe0, 0xa4, 0x2c, 0xf0, 0x9f, 0x99, 0x8f, 0x0a]);
    expect(decodeUtf8Escaped(bytes)).toBe("é,\udce9,\udce0\udca4,🙏\n");
    expect(decodeUtf8Escaped(enc("\ufeffकखग"))).toBe("कखग");
    // Overlong forms and encoded surrogates are not UTF-8 either.
    expect(decodeUtf8Escaped(new Uint8Array([0xc0, 0xaf, 0xed, 0xbf, 0xbf]))).toBe("\udcc0\udcaf\udced\udcbf\udcbf");
  });

  it("decodeUtf8 stays strict for callers that want the whole file refused", () => {
    expect(() => decodeUtf8(new Uint8Array([0x61, 0x0a, 0xff]))).toThrow(CsvError);
  });
});

describe("findColumns", () => {
  it("finds columns case-insensitively, trimmed, in any order", () => {
    const r = findColumns([" District ", "AC_NO", "name", "extra"], ["ac_no", "district"], ["name", "block"]);
    expect(r).toEqual({ ok: true, columns: { ac_no: 1, district: 0, name: 2 } });
  });

  it("reports every missing required column and repeated names", () => {
    const r = findColumns(["ac_no", "AC_NO", "name"], ["ac_no", "pc_no", "district"], [], 3);
    expect(r).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'column "ac_no" appears 2 times' },
        { line: 3, message: 'missing column "pc_no"' },
        { line: 3, message: 'missing column "district"' },
      ],
    });
  });

  it("readTable turns parse errors and missing columns into problems", () => {
    expect(readTable(new Uint8Array([0xff, 0x0a]), ["a"])).toEqual({
      ok: false,
      problems: [{ line: 1, message: expect.stringMatching(/not UTF-8/) }],
    });
    expect(readTable(enc("a\n1\n"), ["a", "b"])).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'missing column "b"' }],
    });
  });

  it("readTable reports every ill-formed cell, in columns it reads or not", () => {
    const bytes = new Uint8Array([...enc("name,extra\nok,fine\nA\u0000,x\ny,\u0007\n"), 0xff, 0x2c, 0x7a, 0x0a]);
    expect(readTable(bytes, ["name"])).toEqual({
      ok: false,
      problems: [
        { line: 3, message: 'column "name" contains a NUL character (U+0000), which is not text' },
        { line: 4, message: 'column "extra" contains a control character (U+0007)' },
        { line: 5, message: expect.stringMatching(/^the file is not UTF-8 text: column "name" has the byte 0xFF .*CSV UTF-8/) },
      ],
    });
    expect(readTable(new Uint8Array([...enc("name,"), 0xe9, 0x0a, 0x61, 0x2c, 0x62, 0x0a]), ["name", "b"])).toEqual({
      ok: false,
      problems: [{ line: 1, message: expect.stringMatching(/^the file is not UTF-8 text: the header of column 2 has the byte 0xE9/) }],
    });
  });
});

describe("row helpers", () => {
  it("cell trims and tolerates short rows", () => {
    const row = { line: 2, values: [" x ", "y"] };
    expect(cell(row, 0)).toBe("x");
    expect(cell(row, 5)).toBe("");
    expect(cell(row, undefined)).toBe("");
  });

  it("widthProblem flags shifted rows but not trailing empty cells", () => {
    expect(widthProblem({ line: 2, values: ["1", "2", "", ""] }, 2)).toBeNull();
    expect(widthProblem({ line: 2, values: ["1", "2", "3"] }, 2)?.line).toBe(2);
    expect(widthProblem({ line: 4, values: ["1"] }, 2)?.message).toMatch(/has 1 values/);
  });

  it("sortProblems puts whole-file problems first and keeps order within a line", () => {
    const sorted = sortProblems([
      { line: 5, message: "b" },
      { line: 2, message: "a" },
      { line: null, message: "file" },
      { line: 5, message: "c" },
    ]);
    expect(sorted.map((p) => p.message)).toEqual(["file", "a", "b", "c"]);
  });
});
