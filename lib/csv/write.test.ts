import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/csv/write";

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
