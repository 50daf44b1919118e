import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/csv/parse";
import { MAX_RECORD_BYTES } from "@/lib/csv/records";
import { csvRecordBatches } from "@/lib/csv/stream";

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

  it("handles lone CR line ends and a CR before a closing quote", async () => {
    for (const size of [1, 3, 100]) {
      expect(await records(new TextEncoder().encode('a,b\rc,"d\r"\ne,f'), size)).toEqual([
        { line: 1, values: ["a", "b"] },
        { line: 2, values: ["c", "d\r"] },
        { line: 4, values: ["e", "f"] },
      ]);
    }
  });

  it("names the line of a byte that is not UTF-8, and of an unclosed quote", async () => {
    const bad = new Uint8Array([...new TextEncoder().encode("a,b\nc,d\ne,"), 0xe9, 0x0a, 0x41]);
    await expect(records(bad, 3)).rejects.toMatchObject({ line: 3 });
    await expect(records(new TextEncoder().encode('a,b\nc,"d\ne,f\n'), 4)).rejects.toMatchObject({ line: 2 });
    await expect(records(new TextEncoder().encode('a,b\nc,"d"x\n'), 4)).rejects.toMatchObject({ line: 2 });
  });

  it("drops a byte-order mark split across chunks, and only at the start", async () => {
    async function* split() {
      yield new Uint8Array([0xef]);
      yield new Uint8Array([0xbb, 0xbf, 0x61, 0x0a]);
    }
    const out = [];
    for await (const batch of csvRecordBatches(split())) out.push(...batch);
    expect(out).toEqual([{ line: 1, values: ["a"] }]);
    expect(await records(new TextEncoder().encode("a\n\uFEFFb\n"), 100)).toEqual([
      { line: 1, values: ["a"] },
      { line: 2, values: ["\uFEFFb"] },
    ]);
  });

  it("refuses a record over the size limit by the line where it starts", async () => {
    await expect(records(new TextEncoder().encode(`a\nb\n"${"x".repeat(MAX_RECORD_BYTES + 10)}`), 64 * 1024)).rejects.toMatchObject({ line: 3, message: expect.stringMatching(/longer than/) });
  });

  it("stops reading the source when the reader stops early", async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield new TextEncoder().encode(`${i},x\n`.repeat(2_000));
      } finally {
        closed = true;
      }
    }
    for await (const batch of csvRecordBatches(source())) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
    expect(closed).toBe(true);
  });
});
