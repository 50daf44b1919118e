import { describe, expect, it } from "vitest";
import { csvStream, toCsv } from "@/lib/csv/write";

describe("toCsv", () => {
  it("writes a BOM, a header, CRLF lines, quotes where needed, and plain numbers", () => {
    const csv = toCsv(
      [
        { name: "रायपुर शहर पश्चिम", n: 1234567, note: 'a "quoted", text' },
        { name: "=HYPERLINK()", n: 0, note: null },
      ],
      [
        { header: "name", value: (r) => r.name },
        { header: "members", value: (r) => r.n },
        { header: "note", value: (r) => r.note },
      ],
    );
    expect(csv).toBe('\uFEFFname,members,note\r\nरायपुर शहर पश्चिम,1234567,"a ""quoted"", text"\r\n\'=HYPERLINK(),0,\r\n');
  });
});

describe("csvStream", () => {
  const columns = [
    { header: "no", value: (r: { no: number; name: string }) => r.no },
    { header: "name", value: (r: { no: number; name: string }) => r.name },
  ];
  async function* pages(log: number[]) {
    for (const page of [[{ no: 3, name: "सुनीता" }, { no: 2, name: "=cmd" }], [], [{ no: 1, name: "a,b" }]]) {
      log.push(page.length);
      yield page;
    }
  }

  it("streams the same bytes as toCsv, page by page, with nothing after the last row", async () => {
    const log: number[] = [];
    const text = Buffer.from(await new Response(csvStream(pages(log), columns)).arrayBuffer()).toString("utf8");
    expect(text).toBe(toCsv([{ no: 3, name: "सुनीता" }, { no: 2, name: "=cmd" }, { no: 1, name: "a,b" }], columns));
    expect(log).toEqual([2, 0, 1]);
  });

  it("reads a page only when the reader asks for more, and stops reading when the download is abandoned", async () => {
    const log: number[] = [];
    const reader = csvStream(pages(log), columns).getReader();
    expect(Buffer.from((await reader.read()).value!).toString("utf8")).toBe("\uFEFFno,name\r\n");
    expect(log).toEqual([]);
    await reader.read();
    expect(log).toEqual([2]);
    await reader.cancel();
    expect(log).toEqual([2]);
  });
});
