import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PHOTO_DISTANCE,
  PHOTO_BANDS,
  hammingDistance,
  photoBands,
  photoHash,
  reencode,
  syntheticPortrait,
} from "@/lib/members/quality/photo-hash";

/** A greyscale PNG of exactly these pixels (rows of 9), so the dHash sees them unchanged. */
async function greyPng(rows: number[][]): Promise<Uint8Array> {
  const data = Buffer.from(rows.flat());
  return new Uint8Array(await sharp(data, { raw: { width: 9, height: rows.length, channels: 1 } }).png().toBuffer());
}

async function hashOf(bytes: Uint8Array): Promise<bigint> {
  const h = await photoHash(bytes);
  if (h === null) throw new Error("not an image");
  return h;
}

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

describe("photoHash", () => {
  it("sets bit 8·y + x when pixel (x, y) is brighter than its right neighbour, as a signed 64-bit value", async () => {
    const flat = Array.from({ length: 8 }, () => Array(9).fill(128));
    expect(await hashOf(await greyPng(flat))).toBe(0n);
    const first = flat.map((r) => [...r]);
    first[0]![0] = 200;
    expect(await hashOf(await greyPng(first))).toBe(1n);
    const lastRowFalls = flat.map((r) => [...r]);
    lastRowFalls[7] = [250, 220, 190, 160, 130, 100, 70, 40, 10];
    // Bits 56–63 set: 0xFF00000000000000 read as a signed bigint.
    expect(await hashOf(await greyPng(lastRowFalls))).toBe(-(1n << 56n));
    const allFall = Array.from({ length: 8 }, () => [250, 220, 190, 160, 130, 100, 70, 40, 10]);
    expect(await hashOf(await greyPng(allFall))).toBe(-1n);
  });

  it("returns null for bytes that are not an image", async () => {
    expect(await photoHash(new Uint8Array())).toBeNull();
    expect(await photoHash(new TextEncoder().encode("not a photo, just text"))).toBeNull();
    expect(await photoHash(Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 251))).toBeNull();
    // A JPEG's signature with nothing after it.
    expect(await photoHash(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBeNull();
  });

  it("reads the EXIF orientation: a sideways-stored photo tagged to be turned upright hashes like the upright one", async () => {
    const upright = await syntheticPortrait(1);
    // Stored turned a quarter anticlockwise, with orientation 6 ("turn 90° clockwise to display").
    const stored = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect(hammingDistance(await hashOf(new Uint8Array(stored)), await hashOf(upright))).toBeLessThanOrEqual(DEFAULT_PHOTO_DISTANCE);
    // Without the tag it is a different picture.
    const untagged = await sharp(upright).rotate(-90).jpeg({ quality: 95 }).toBuffer();
    expect(hammingDistance(await hashOf(new Uint8Array(untagged)), await hashOf(upright))).toBeGreaterThan(DEFAULT_PHOTO_DISTANCE);
  });

  describe("on 30 synthetic portraits", () => {
    const originals: Uint8Array[] = [];
    const hashes: bigint[] = [];
    beforeAll(async () => {
      for (const seed of SEEDS) {
        const jpeg = await reencode(await syntheticPortrait(seed), 95);
        originals.push(jpeg);
        hashes.push(await hashOf(jpeg));
      }
    });

    it("is deterministic", async () => {
      expect(await syntheticPortrait(3)).toEqual(await syntheticPortrait(3));
      expect(await hashOf(originals[0]!)).toBe(hashes[0]);
    });

    it("finds the same photo re-saved at quality 60 and 40, or scaled to 0.8", async () => {
      const worst = { q60: 0, q40: 0, scaled: 0 };
      const sharingNoBand: number[] = [];
      for (const [i, jpeg] of originals.entries()) {
        const { width } = await sharp(jpeg).metadata();
        const copies = {
          q60: await reencode(jpeg, 60),
          q40: await reencode(jpeg, 40),
          scaled: new Uint8Array(await sharp(jpeg).resize(Math.round(width * 0.8)).jpeg({ quality: 80 }).toBuffer()),
        };
        for (const [kind, copy] of Object.entries(copies) as [keyof typeof worst, Uint8Array][]) {
          const h = await hashOf(copy);
          const d = hammingDistance(hashes[i]!, h);
          worst[kind] = Math.max(worst[kind], d);
          if (!photoBands(h).some((b, k) => b === photoBands(hashes[i]!)[k])) sharingNoBand.push(d);
        }
      }
      // Measured (sharp 0.35.6, libvips 8.18.8): at most 4 bits for each kind; most copies 0–2.
      expect(worst.q60).toBeLessThanOrEqual(DEFAULT_PHOTO_DISTANCE);
      expect(worst.q40).toBeLessThanOrEqual(DEFAULT_PHOTO_DISTANCE);
      expect(worst.scaled).toBeLessThanOrEqual(DEFAULT_PHOTO_DISTANCE);
      // The SQL band lookup misses a copy only when its differing bits touch all four bands, which needs at
      // least 4 of them (measured: one copy of the 90, at distance 4).
      for (const d of sharingNoBand) expect(d).toBeGreaterThanOrEqual(PHOTO_BANDS);
      expect(sharingNoBand.length).toBeLessThanOrEqual(2);
    });

    it("keeps different portraits far apart", () => {
      let min = 64;
      for (let i = 0; i < hashes.length; i++) {
        for (let j = i + 1; j < hashes.length; j++) min = Math.min(min, hammingDistance(hashes[i]!, hashes[j]!));
      }
      // Measured: 19 bits at the closest of the 435 pairs.
      expect(min).toBeGreaterThan(2 * DEFAULT_PHOTO_DISTANCE);
    });
  });
});

describe("hammingDistance", () => {
  it("counts differing bits over all 64, sign included", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, 1n)).toBe(1);
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(-1n, BigInt.asIntN(64, 0x7fffffffffffffffn))).toBe(1);
    expect(hammingDistance(0x0f0fn, 0x00ffn)).toBe(8);
  });
});

describe("photoBands", () => {
  /** Independent reference: the unsigned value's 16 hex digits, four at a time. */
  function reference(h: bigint): number[] {
    const hex = BigInt.asUintN(64, h).toString(16).padStart(16, "0");
    return [0, 4, 8, 12].map((i) => parseInt(hex.slice(i, i + 4), 16));
  }

  it.each([
    0n,
    1n,
    -1n,
    -(1n << 63n),
    (1n << 63n) - 1n,
    BigInt.asIntN(64, 0x0123456789abcdefn),
    BigInt.asIntN(64, 0xfedcba9876543210n),
    BigInt.asIntN(64, 0x8000ffff0001fffen),
  ])("cuts %s into the four 16-bit slices SQL computes", (h) => {
    expect(photoBands(h)).toHaveLength(PHOTO_BANDS);
    expect(photoBands(h)).toEqual(reference(h));
  });

  it("matches hand-worked values", () => {
    expect(photoBands(BigInt.asIntN(64, 0x0123456789abcdefn))).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
    expect(photoBands(-1n)).toEqual([65535, 65535, 65535, 65535]);
    expect(photoBands(-2n)).toEqual([65535, 65535, 65535, 65534]);
  });

  it("shares a band between any two hashes within distance 3", () => {
    const h = BigInt.asIntN(64, 0x0123456789abcdefn);
    for (const bits of [[0, 16, 32], [63, 47, 31], [5, 6, 7], [15, 31, 47]]) {
      const other = bits.reduce((v, b) => BigInt.asIntN(64, v ^ (1n << BigInt(b))), h);
      expect(hammingDistance(h, other)).toBe(3);
      expect(photoBands(other).some((b, k) => b === photoBands(h)[k])).toBe(true);
    }
  });
});
