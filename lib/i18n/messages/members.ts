/** Messages of the members feature (keys prefixed "members."). Hindi may lag English; missing keys fall back per key. */
export const en = {} as const;

export const hi: Partial<Record<keyof typeof en, string>> = {};
