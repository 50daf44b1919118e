import { Resvg } from "@resvg/resvg-js";
import { deflateSync } from "node:zlib";
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
} from "pdf-lib";
import QRCode from "qrcode";
import { formatDay } from "@/lib/format";
import { translator, type Locale } from "@/lib/i18n";
import { fitLines, fitText, runToSvg, type FittedText } from "@/lib/members/card/text";
import type { MemberBoothAc } from "@/lib/members/place";

/**
 * The membership card, drawn once as SVG (ID-1 card size, 85.6 × 54 mm, in tenths of a millimetre) and
 * turned into a PNG for phones and a PDF for printing. All text is shaped by HarfBuzz and drawn as paths
 * (see text.ts); the PDF embeds the PNG and adds an invisible Latin text layer with the membership
 * number and the verification link, so the PDF can be searched and read by machines.
 */

export interface CardData extends MemberBoothAc {
  membershipNo: string;
  name: string;
  stateName: string;
  stateNameHi: string;
  /** `YYYY-MM-DD`, India time. */
  enrolledOn: string;
  /** JPEG bytes, when the member gave a photo. */
  photo: Uint8Array | null;
}

export interface CardOptions {
  /** The absolute link the QR code opens: `<PUBLIC_URL>/verify/<membershipNo>?s=<signature>` (see url.ts). */
  verifyUrl: string;
  /** Language of place names and the date (labels are always Hindi and English). */
  lang?: Locale;
}

/** Card size in SVG units (0.1 mm). */
export const CARD_W = 856;
export const CARD_H = 540;
const MM_TO_PT = 72 / 25.4;
/** PNG width: 300 dots per inch across 85.6 mm. */
export const PNG_WIDTH = 1011;

const BRAND = "#c2410c";
const QR = { x: 628, y: 140, size: 192 };
/** Corner radius of an ID-1 card (3.18 mm). */
const R = 32;
const INK = "#1c1917";
const MUTED = "#57534e";

interface Layout {
  svg: string;
  /** Where the membership number is drawn (baseline origin and size, SVG units), for the PDF's text layer. */
  numberAt: { x: number; y: number; size: number };
  urlAt: { x: number; y: number; size: number };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function qrPath(url: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(url, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  const rects: string[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.data[r * n + c]) rects.push(`M${c + quiet} ${r + quiet}h1v1h-1z`);
    }
  }
  return `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="#fff"/>
<path transform="translate(${x} ${y}) scale(${cell})" fill="#000" shape-rendering="crispEdges" d="${rects.join("")}"/>`;
}

async function line(f: FittedText, x: number, y: number, fill: string, align: "start" | "end" | "middle" = "start"): Promise<string> {
  const dx = align === "end" ? -f.width : align === "middle" ? -f.width / 2 : 0;
  return runToSvg(f.run, x + dx, y, f.size, fill);
}

// A head and shoulders, in the 150 × 188 photo box.
const PERSON = '<circle cx="75" cy="72" r="32"/><path d="M17 188c0-44 26-76 58-76s58 32 58 76z"/>';

export async function cardSvg(data: CardData, opts: CardOptions): Promise<Layout> {
  const lang = opts.lang ?? "hi";
  const hi = translator("hi");
  const en = translator("en");
  const parts: string[] = [];

  // Header: the party's name in Hindi and English, and what this card is.
  parts.push(`<path fill="${BRAND}" d="M0 ${R}a${R} ${R} 0 0 1 ${R} -${R}H${CARD_W - R}a${R} ${R} 0 0 1 ${R} ${R}V118H0z"/>`);
  const titleHi = await fitText(hi("members.card.title"), { weight: 600, size: 30, minSize: 20, maxWidth: 230 });
  const titleEn = await fitText(en("members.card.title").toUpperCase(), { size: 19, minSize: 14, maxWidth: 230 });
  parts.push(await line(titleHi, 820, 52, "#fff", "end"), await line(titleEn, 820, 90, "#fff", "end"));
  const partyMax = 820 - 36 - Math.max(titleHi.width, titleEn.width) - 30;
  const partyHi = await fitText(hi("members.card.party", { state: data.stateNameHi }), { weight: 600, size: 36, minSize: 22, maxWidth: partyMax });
  const partyEn = await fitText(en("members.card.party", { state: data.stateName }), { size: 23, minSize: 16, maxWidth: partyMax });
  parts.push(await line(partyHi, 36, 54, "#fff"), await line(partyEn, 36, 92, "#fff"));

  // Photo, or a neutral silhouette.
  const px = 36;
  const py = 150;
  parts.push(`<clipPath id="photo"><rect x="${px}" y="${py}" width="150" height="188" rx="10"/></clipPath>`);
  if (data.photo) {
    const b64 = Buffer.from(data.photo).toString("base64");
    parts.push(
      `<image clip-path="url(#photo)" x="${px}" y="${py}" width="150" height="188" preserveAspectRatio="xMidYMid slice" href="data:image/jpeg;base64,${b64}"/>`,
    );
  } else {
    parts.push(
      `<rect x="${px}" y="${py}" width="150" height="188" rx="10" fill="#f5f5f4"/>`,
      `<g clip-path="url(#photo)"><g transform="translate(${px} ${py})" fill="#d6d3d1">${PERSON}</g></g>`,
    );
  }
  parts.push(`<rect x="${px}" y="${py}" width="150" height="188" rx="10" fill="none" stroke="#d6d3d1" stroke-width="2"/>`);

  // Under the photo: since when.
  const sinceLabel = await fitText(`${hi("members.card.enrolled")} · ${en("members.card.enrolled")}`, { size: 15, minSize: 11, maxWidth: 150 });
  const sinceValue = await fitText(formatDay(data.enrolledOn, lang), { weight: 600, size: 22, minSize: 14, maxWidth: 150 });
  parts.push(await line(sinceLabel, px, 372, MUTED), await line(sinceValue, px, 400, INK));

  // Middle column: name, membership number, booth, assembly seat.
  const mx = 212;
  const maxW = 600 - mx;
  const nameLines = await fitLines(data.name, { weight: 600, size: 44, minSize: 26, maxWidth: maxW });
  let y = 150 + (nameLines[0]?.size ?? 44) * 0.95;
  for (const l of nameLines) {
    parts.push(await line(l, mx, y, INK));
    y += l.size * 1.2;
  }
  y += 18;
  const row = async (labelKey: "members.card.membershipNo" | "members.card.booth" | "members.card.assembly", value: string, big = false) => {
    const label = await fitText(`${hi(labelKey)} · ${en(labelKey)}`, { size: 16, minSize: 12, maxWidth: maxW });
    const v = await fitText(value, { weight: big ? 600 : 400, size: big ? 30 : 23, minSize: big ? 22 : 15, maxWidth: maxW });
    parts.push(await line(label, mx, y, MUTED));
    const at = { x: mx, y: y + (big ? 34 : 28), size: v.size };
    parts.push(await line(v, at.x, at.y, big ? BRAND : INK));
    y = at.y + 30;
    return at;
  };
  const numberAt = await row("members.card.membershipNo", data.membershipNo, true);
  const booth = lang === "hi" && data.boothNameHi ? data.boothNameHi : data.boothName;
  await row("members.card.booth", `${data.boothCode} · ${booth}`);
  const ac = lang === "hi" && data.acNameHi ? data.acNameHi : data.acName;
  await row("members.card.assembly", `${data.acNo} · ${ac}`);

  // QR code for the public verification page.
  const { x: qx, y: qy, size: qs } = QR;
  parts.push(qrPath(opts.verifyUrl, qx, qy, qs));
  const scanHi = await fitText(hi("members.card.scan"), { size: 17, minSize: 12, maxWidth: qs });
  const scanEn = await fitText(en("members.card.scan"), { size: 15, minSize: 11, maxWidth: qs });
  parts.push(await line(scanHi, qx + qs / 2, qy + qs + 24, MUTED, "middle"), await line(scanEn, qx + qs / 2, qy + qs + 46, MUTED, "middle"));

  // Footer: the verification link in words, for those who cannot scan.
  parts.push(
    `<path fill="#ffedd5" d="M0 478H${CARD_W}V${CARD_H - R}a${R} ${R} 0 0 1 -${R} ${R}H${R}a${R} ${R} 0 0 1 -${R} -${R}z"/>`,
  );
  const url = await fitText(opts.verifyUrl, { size: 17, minSize: 10, maxWidth: CARD_W - 72 });
  const urlAt = { x: 36, y: 516, size: url.size };
  parts.push(await line(url, urlAt.x, urlAt.y, "#7c2d12"));

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_W / 10}mm" height="${CARD_H / 10}mm" viewBox="0 0 ${CARD_W} ${CARD_H}">
<title>${esc(data.membershipNo)}</title>
<rect width="${CARD_W}" height="${CARD_H}" rx="${R}" fill="#fff"/>
${parts.join("\n")}
<rect x="1" y="1" width="${CARD_W - 2}" height="${CARD_H - 2}" rx="${R - 1}" fill="none" stroke="#d6d3d1" stroke-width="2"/>
</svg>`;
  return { svg, numberAt, urlAt };
}

function rasteriser(svg: string, width: number, background?: string) {
  // No fonts are needed: every glyph is already a path.
  return new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false }, background }).render();
}

/** The card as a PNG, 1011 px wide (300 dpi at card size): for phones and messaging apps. */
export async function renderCardPng(data: CardData, opts: CardOptions, width = PNG_WIDTH): Promise<Buffer> {
  return rasteriser((await cardSvg(data, opts)).svg, width).asPng();
}

/** The card as a one-page PDF in ID-1 size (85.6 × 54 mm), with a link on the QR code. */
export async function renderCardPdf(data: CardData, opts: CardOptions): Promise<Uint8Array> {
  const layout = await cardSvg(data, opts);
  // 300 dpi, the usual resolution for printed ID cards (a QR module is ~6 dots), on white: the rounded
  // corners are cut when printed. 600 dpi looked no different on paper and took three times as long.
  const image = rasteriser(layout.svg, PNG_WIDTH, "#ffffff");
  const rgba = image.pixels;
  const rgb = Buffer.allocUnsafe((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i]!;
    rgb[j + 1] = rgba[i + 1]!;
    rgb[j + 2] = rgba[i + 2]!;
  }
  const W = (CARD_W / 10) * MM_TO_PT;
  const H = (CARD_H / 10) * MM_TO_PT;
  const k = W / CARD_W; // PDF points per SVG unit
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Membership card ${data.membershipNo}`);
  pdf.setSubject(opts.verifyUrl);
  pdf.setProducer("Sadasyata");
  pdf.setCreator("Sadasyata");
  const page = pdf.addPage([W, H]);
  // The pixels go in as one deflated RGB image XObject: pdf-lib's embedPng would decode and re-deflate the
  // PNG in JavaScript (about a second per card); node's zlib does it in a fraction of that.
  const xobject = pdf.context.register(
    pdf.context.stream(deflateSync(rgb, { level: 6 }), {
      Type: "XObject",
      Subtype: "Image",
      Width: image.width,
      Height: image.height,
      ColorSpace: "DeviceRGB",
      BitsPerComponent: 8,
      Filter: "FlateDecode",
    }),
  );
  const imageName = page.node.newXObject("Card", xobject);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(W, 0, 0, H, 0, 0), drawObject(imageName), popGraphicsState());
  // Invisible text over the drawn number and link: the PDF's text is what the card shows.
  const helvetica = await pdf.embedFont(StandardFonts.Helvetica);
  for (const [text, at] of [
    [data.membershipNo, layout.numberAt],
    [opts.verifyUrl, layout.urlAt],
  ] as const) {
    page.drawText(text, { x: at.x * k, y: H - at.y * k, size: at.size * k, font: helvetica, opacity: 0 });
  }
  const link = pdf.context.register(
    pdf.context.obj({
      Type: "Annot",
      Subtype: "Link",
      Rect: [QR.x * k, H - (QR.y + QR.size) * k, (QR.x + QR.size) * k, H - QR.y * k],
      Border: [0, 0, 0],
      A: { Type: "Action", S: "URI", URI: PDFString.of(opts.verifyUrl) },
    }),
  );
  page.node.set(PDFName.of("Annots"), pdf.context.obj([link]));
  return pdf.save();
}
