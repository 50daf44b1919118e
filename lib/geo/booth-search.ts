/** A booth search as typed: LIKE wildcards dropped, and `49-12` read as the code prefix `049-12`. */
export function boothSearchText(raw: string | undefined): string | undefined {
  const q = raw?.trim().replace(/[%_\\]/g, "");
  if (!q) return undefined;
  const code = /^([0-9]{1,3})-([0-9]{0,4})$/.exec(q);
  return code ? `${code[1]!.padStart(3, "0")}-${code[2]}` : q;
}
