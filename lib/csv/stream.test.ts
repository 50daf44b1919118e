import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv/parse";
import { csvRecordBatches, CsvStreamParser, Utf8LineDecoder } from "@/lib/csv/stream";

async function* pieces(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function records(bytes: Uint8Array, size: number) {
  const out = [];
  for await (const batch of csvRecordBatches(pieces(bytes, size))) out.push(...batch);
  return out;
}

const SAMPLE =
  '\uFEFFepic,name,address\r\n' +
  'ABC1234567,सुनीता साहू,"House 1, Ward 2"\r\n' +
  '\r\n' +
  ',,\r\n' +
  'XYZ7654321,"Ram ""Bhaiya"" Verma","line one\r\nline two"\r\n' +
  'DEF1111111,  "quoted"  ,last\n' +
  'GHI2222222,no newline at end,x';

describe("streaming CSV", () => {
  it("gives the same records and lines as the whole-file parser, however the bytes are cut", async () => {
    const bytes = new TextEncoder().encode(SAMPLE);
    const whole = parseCsv(bytes);
    const expected = [{ line: whole.headerLine, values: whole.header }, ...whole.rows].map((r) => ({ line: r.line, values: r.values.map((v) => v.trim()) }));
    for (const size of [1, 2, 3, 5, 7, 64, 10_000]) {
      const got = (await records(bytes, size)).map((r) => ({ line: r.line, values: r.values.map((v) => v.trim()) }));
      expect(got, `chunks of ${size}`).toEqual(expected);
    }
    const got = await records(bytes, 4);
    expect(got.map((r) => r.line)).toEqual([1, 2, 5, 7, 8]);
    expect(got[2]!.values).toEqual(["XYZ7654321", 'Ram "Bhaiya" Verma', "line one\r\nline two"]);
  });

  it("handles lone CR line ends and a CR before a closing quote", () => {
    const p = new CsvStreamParser();
    const rows = [...p.push('a,b\rc,"d\r"\ne,f'), ...p.end()];
    expect(rows).toEqual([
      { line: 1, values: ["a", "b"] },
      { line: 2, values: ["c", "d\r"] },
      { line: 4, values: ["e", "f"] },
    ]);
  });

  it("names the line of a byte that is not UTF-8, and of an unclosed quote", async () => {
    const bad = new Uint8Array([...new TextEncoder().encode("a,b\nc,d\ne,"), 0xe9, 0x0a, 0x41]);
    await expect(records(bad, 3)).rejects.toMatchObject({ line: 3 });
    await expect(records(new TextEncoder().encode('a,b\nc,"d\ne,f\n'), 4)).rejects.toMatchObject({ line: 2 });
    await expect(records(new TextEncoder().encode('a,b\nc,"d"x\n'), 4)).rejects.toMatchObject({ line: 2 });
  });

  it("drops a byte-order mark split across chunks, and only at the start", () => {
    const d = new Utf8LineDecoder();
    expect(d.push(new Uint8Array([0xef])) + d.push(new Uint8Array([0xbb, 0xbf, 0x61, 0x0a])) + d.end()).toBe("a\n");
    const e = new Utf8LineDecoder();
    expect(e.push(new TextEncoder().encode("a\n\uFEFFb\n")) + e.end()).toBe("a\n\uFEFFb\n");
  });
});
