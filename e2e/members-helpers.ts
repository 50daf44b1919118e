/**
 * What the specs that type members share (e2e/members.spec.ts, e2e/book-desk.spec.ts): a voter-card number no
 * other test will type, and a Raipur booth picked at random so parallel tests use different booths.
 */
import type { Page } from "@playwright/test";
import { expect } from "@/e2e/fixtures";

/** Raipur district's assembly seats. */
export const RAIPUR_ACS = [47, 48, 49, 50, 51, 52, 53];
export const rand = (n: number) => Math.floor(Math.random() * n);

/** A voter-card number no other test will type: three letters and seven digits. */
export function uniqueEpic(): string {
  const letters = Array.from({ length: 3 }, () => String.fromCharCode(65 + rand(26))).join("");
  return `${letters}${String(Date.now() % 10_000).padStart(4, "0")}${String(rand(1000)).padStart(3, "0")}`;
}

/** A booth of Raipur district, picked at random so parallel tests use different booths. */
export async function raipurBooth(page: Page): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const q = `0${RAIPUR_ACS[rand(RAIPUR_ACS.length)]}-${1 + rand(2)}${rand(10)}`;
    const res = await page.request.get(`/members/new/booths?q=${encodeURIComponent(q)}`);
    expect(res.status()).toBe(200);
    const { booths } = (await res.json()) as { booths: { code: string }[] };
    if (booths.length > 0) return booths[rand(booths.length)]!.code;
  }
  throw new Error("no Raipur booth found");
}
