/** Messages of the progress feature (keys prefixed "progress."). Hindi may lag English; missing keys fall back per key. */
export const en = {} as const;

export const hi: Partial<Record<keyof typeof en, string>> = {};
