import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { CARD_H, CARD_W, PNG_WIDTH, renderCardPdf, renderCardPng, type CardData } from "@/lib/members/card/render";
import { runWidth, shape } from "@/lib/members/card/text";

const VERIFY = "http://127.0.0.1:3304/verify/CG26-0004711";
const card = (over: Partial<CardData> = {}): CardData => ({
  membershipNo: "CG26-0004711",
  name: "श्रीमती क्षमा त्रिपाठी",
  boothCode: "049-123",
  boothName: "Government Primary School, Ward 12",
  boothNameHi: "शासकीय प्राथमिक शाला, वार्ड 12",
  acNo: 49,
  acName: "Raipur City West",
  acNameHi: "रायपुर नगर पश्चिम",
  stateName: "Chhattisgarh",
  stateNameHi: "छत्तीसगढ़",
  enrolledOn: "2026-11-28",
  photo: null,
  ...over,
});

function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(rgba, width, height)?.data ?? null;
}

function readPng(buf: Uint8Array) {
  const png = PNG.sync.read(Buffer.from(buf));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

/** Share of pixels whose colour differs noticeably (anti-aliasing tolerated). */
function diffShare(a: ReturnType<typeof readPng>, b: ReturnType<typeof readPng>): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) + Math.abs(a.data[i + 3]! - b.data[i + 3]!);
    if (d > 96) differing++;
  }
  return differing / (a.width * a.height);
}

describe("the membership card", () => {
  it("renders a PNG at ID-card proportions whose QR code opens the verification page", async () => {
    const png = readPng(await renderCardPng(card(), { verifyUrl: VERIFY }));
    expect(png.width).toBe(PNG_WIDTH);
    expect(png.height).toBe(Math.round((PNG_WIDTH * CARD_H) / CARD_W));
    expect(decodeQr(png.data, png.width, png.height)).toBe(VERIFY);
  });

  it("renders a PDF that opens, is ID-card sized, carries the number in its text and a readable QR code", async () => {
    const mupdf = await import("mupdf");
    const bytes = await renderCardPdf(card(), { verifyUrl: VERIFY });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const doc = mupdf.Document.openDocument(bytes, "application/pdf");
    expect(doc.countPages()).toBe(1);
    const page = doc.loadPage(0);
    const [x0, y0, x1, y1] = page.getBounds();
    // 85.6 × 54 mm in points.
    expect(x1 - x0).toBeCloseTo((85.6 * 72) / 25.4, 1);
    expect(y1 - y0).toBeCloseTo((54 * 72) / 25.4, 1);
    const text = page.toStructuredText("preserve-whitespace").asText();
    expect(text).toContain("CG26-0004711");
    expect(text).toContain(VERIFY);
    // Rendered by MuPDF (not by our renderer), the printed QR code still decodes to the verification link.
    const pix = page.toPixmap(mupdf.Matrix.scale(4, 4), mupdf.ColorSpace.DeviceRGB, true);
    expect(decodeQr(pix.getPixels(), pix.getWidth(), pix.getHeight())).toBe(VERIFY);
  });

  it("embeds the member's photo when there is one", async () => {
    const jpeg = readFileSync(path.join(import.meta.dirname, "__fixtures__", "photo.jpg"));
    const png = readPng(await renderCardPng(card({ photo: new Uint8Array(jpeg) }), { verifyUrl: VERIFY }));
    // The middle of the photo box (36..186 × 150..338 card units) shows the photo's brown disc, not the grey silhouette.
    const k = PNG_WIDTH / CARD_W;
    const at = (Math.round(244 * k) * png.width + Math.round(111 * k)) * 4;
    const [r, g, b] = [png.data[at]!, png.data[at + 1]!, png.data[at + 2]!];
    expect(r - b).toBeGreaterThan(60);
    expect(r).toBeGreaterThan(g);
  });

  describe("Devanagari", () => {
    it("shapes conjuncts into single glyphs and has a glyph for every letter", async () => {
      // क्ष as one conjunct glyph; the same letters kept apart by ZWNJ show a visible virama instead.
      const joined = await shape("क्ष");
      const apart = await shape("क्\u200Cष");
      expect(joined.glyphs.length).toBeLessThan(apart.glyphs.length);
      for (const text of ["श्रीमती क्षमा त्रिपाठी", "रमेश कुमार साहू", "Ramesh Sahu"]) {
        const run = await shape(text);
        expect(run.glyphs.every((g) => g.id !== 0), `no missing glyph (.notdef) in ${text}`).toBe(true);
      }
    });

    it("places the short i-sign before its consonant and keeps the width of spacing vowel signs", async () => {
      const ki = await shape("कि");
      const ka = await shape("क");
      expect(ki.glyphs[0]!.id).not.toBe(ka.glyphs[0]!.id);
      // The failure that made us shape text ourselves: "राम" drawn as wide as "रम" (the ा overlapping).
      const ram = runWidth(await shape("राम"), 100);
      const rm = runWidth(await shape("रम"), 100);
      const aa = runWidth(await shape("रा"), 100) - runWidth(await shape("र"), 100);
      expect(aa).toBeGreaterThan(5);
      expect(ram).toBeCloseTo(rm + aa, 0);
    });

    it("draws the name as the checked reference image does", async () => {
      // The reference was rendered by this code and checked by eye (conjuncts श्री, क्ष, त्र shaped; no boxes).
      // A changed font, shaper or renderer that breaks Devanagari shows up here.
      const ref = path.join(import.meta.dirname, "__fixtures__", "card-devanagari.png");
      const png = await renderCardPng(card(), { verifyUrl: VERIFY });
      if (!existsSync(ref) || process.env.UPDATE_CARD_REFERENCE) {
        mkdirSync(path.dirname(ref), { recursive: true });
        writeFileSync(ref, png);
      }
      expect(diffShare(readPng(png), readPng(readFileSync(ref)))).toBeLessThan(0.002);
      // And the same card with the name's letters kept apart looks clearly different.
      const broken = readPng(await renderCardPng(card({ name: "श्\u200Cरीमती क्\u200Cषमा त्\u200Cरिपाठी" }), { verifyUrl: VERIFY }));
      expect(diffShare(broken, readPng(readFileSync(ref)))).toBeGreaterThan(0.002);
    });

    it("fits a long name on the card (shrunk or split over two lines, never cut inside a conjunct)", async () => {
      const long = card({ name: "श्रीमती क्षमा देवी त्रिपाठी उपाध्याय शर्मा वर्मा चंद्राकर" });
      const png = readPng(await renderCardPng(long, { verifyUrl: VERIFY }));
      expect(decodeQr(png.data, png.width, png.height)).toBe(VERIFY);
    });
  });
});
