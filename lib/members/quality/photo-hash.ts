/**
 * A perceptual hash of a member's photo, so that the same photo uploaded twice (re-saved at another JPEG
 * quality, or scaled) is found again while different photos are not. Pure: no database.
 *
 * `photoHash(bytes)` is a 64-bit difference hash (dHash) of the DECODED image, computed with sharp:
 * 1. decode (any format sharp reads; null when the bytes are not an image), turn upright by the EXIF
 *    orientation (`.rotate()`), flatten any alpha channel onto white, greyscale;
 * 2. resize to 9 columns × 8 rows with `fit: "fill"` (the aspect ratio is ignored), 8-bit raw pixels;
 * 3. for row y (0–7, top to bottom) and column x (0–7, left to right), bit i = 8·y + x (bit 0 the least
 *    significant) is set when pixel(x, y) > pixel(x + 1, y), i.e. when brightness falls to the right;
 * 4. the 64 bits are returned as a SIGNED 64-bit bigint (`BigInt.asIntN(64, …)`), as a PostgreSQL bigint
 *    holds them.
 *
 * `hammingDistance(a, b)` is the number of differing bits of the two 64-bit values. Two photos are taken to
 * be the same when the distance is at most `DEFAULT_PHOTO_DISTANCE` = 5. Measured on 100 synthetic portraits
 * (sharp 0.35.6, libvips 8.18.8), against the quality-95 JPEG: re-saved at quality 60 or 40, scaled to 0.8,
 * or stored sideways with an EXIF orientation, 94–97% of copies are 0–3 bits away and 98–100% within 5 (a
 * few reach 6–7, on images with near-flat areas where neighbouring cells nearly tie); different portraits
 * are 11 bits apart at the closest of 4,950 pairs (median 32).
 *
 * `photoBands(h)` cuts the hash into `PHOTO_BANDS` = 4 unsigned 16-bit slices, high to low, equal to SQL's
 * `(h >> 48) & 65535`, `(h >> 32) & 65535`, `(h >> 16) & 65535` and `h & 65535` on the signed value. Two
 * hashes at distance 3 or less share at least one band (3 differing bits touch at most 3 of the 4 bands),
 * so a lookup by any equal band followed by the exact distance finds every pair within 3. Pairs at distance
 * 4 or 5 are found only when their differing bits leave one band untouched (measured: 2 of the 500
 * copies above would be missed that way).
 *
 * `syntheticPortrait(seed)` draws a deterministic stand-in photo (smooth coloured gradient and ellipses from
 * a small seeded PRNG) for the demo seed and the tests; `reencode(jpeg, quality)` re-saves a JPEG.
 */
import sharp from "sharp";

export const PHOTO_BANDS = 4;
export const DEFAULT_PHOTO_DISTANCE = 5;

/** The dHash of an image, or null when the bytes do not decode as one. */
export async function photoHash(jpeg: Uint8Array): Promise<bigint | null> {
  let pixels: Buffer;
  try {
    const { data, info } = await sharp(jpeg, { failOn: "error" })
      .rotate()
      .flatten({ background: "#ffffff" })
      .greyscale()
      .resize(9, 8, { fit: "fill" })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.width !== 9 || info.height !== 8) return null;
    pixels = info.channels === 1 ? data : Buffer.from(Array.from({ length: 72 }, (_, i) => data[i * info.channels]!));
  } catch {
    return null;
  }
  let h = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      if (pixels[y * 9 + x]! > pixels[y * 9 + x + 1]!) h |= 1n << BigInt(y * 8 + x);
    }
  }
  return BigInt.asIntN(64, h);
}

/** The number of bits in which two 64-bit hashes differ (0–64). */
export function hammingDistance(a: bigint, b: bigint): number {
  let v = BigInt.asUintN(64, a ^ b);
  let n = 0;
  while (v) {
    v &= v - 1n;
    n++;
  }
  return n;
}

/** The four 16-bit bands of a hash, high to low, as SQL computes them from the signed bigint. */
export function photoBands(h: bigint): number[] {
  return [48n, 32n, 16n, 0n].map((shift) => Number((h >> shift) & 65535n));
}

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A deterministic synthetic "portrait" JPEG (quality 90): a two-colour linear gradient at a random angle
 * under five soft-edged ellipses of random colour, place, size and tilt. Different seeds give clearly
 * different images (and dHashes).
 */
export async function syntheticPortrait(seed: number, size = 160): Promise<Uint8Array> {
  const rnd = prng(seed * 2_654_435_761 + 1);
  const colour = () => [rnd() * 255, rnd() * 255, rnd() * 255] as const;
  const from = colour();
  const to = colour();
  const angle = rnd() * 2 * Math.PI;
  const [gx, gy] = [Math.cos(angle), Math.sin(angle)];
  const ellipses = Array.from({ length: 5 }, () => {
    const tilt = rnd() * Math.PI;
    return {
      cx: rnd() * size,
      cy: rnd() * size,
      rx: size * (0.12 + rnd() * 0.3),
      ry: size * (0.12 + rnd() * 0.3),
      cos: Math.cos(tilt),
      sin: Math.sin(tilt),
      rgb: colour(),
    };
  });
  const px = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + ((x / size - 0.5) * gx + (y / size - 0.5) * gy)));
      let rgb = [0, 1, 2].map((c) => from[c]! + (to[c]! - from[c]!) * t);
      for (const e of ellipses) {
        const dx = x - e.cx;
        const dy = y - e.cy;
        const u = (dx * e.cos + dy * e.sin) / e.rx;
        const v = (dy * e.cos - dx * e.sin) / e.ry;
        // Shaded like a lit ball (brightest at the centre, so no region is flat), opaque inside and fading
        // out over the outer fifth of the radius.
        const r = Math.sqrt(u * u + v * v);
        const alpha = Math.min(1, Math.max(0, (1.2 - r) / 0.2));
        const shade = 1 - 0.45 * Math.min(1, r);
        if (alpha > 0) rgb = rgb.map((c, i) => c + (e.rgb[i]! * shade - c) * alpha);
      }
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(rgb[c]!);
    }
  }
  const jpeg = await sharp(px, { raw: { width: size, height: size, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
  return new Uint8Array(jpeg);
}

/** The same image re-saved as a JPEG at the given quality (1–100). */
export async function reencode(jpeg: Uint8Array, quality: number): Promise<Uint8Array> {
  return new Uint8Array(await sharp(jpeg).jpeg({ quality }).toBuffer());
}
