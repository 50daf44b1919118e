/**
 * Rows as they cross from a server component to a client table: one array per row in a fixed field order,
 * trailing nulls left out. A district's tables have ~2,000 booth rows; as objects, their field names repeated
 * in every row (and escaped again inside the RSC payload in the HTML) were most of the page's bytes, and the
 * page's render time followed its bytes.
 */
export type Packed<T> = { readonly packed: unknown[][]; readonly __row?: T };

/** `F` itself when it names every field of T, else `never` (so a field left out of the list fails to compile). */
type EveryField<T, F extends readonly (keyof T)[]> = [Exclude<keyof T, F[number]>] extends [never] ? F : never;

export function pack<T extends object, const F extends readonly (keyof T)[]>(rows: readonly T[], fields: F & EveryField<T, F>): Packed<T> {
  return {
    packed: rows.map((r) => {
      const a = fields.map((f) => r[f] as unknown);
      let end = a.length;
      while (end > 0 && a[end - 1] === null) end--;
      return a.slice(0, end);
    }),
  };
}

/** The rows back; `fields` must be the list they were packed with, and must name every field of T. */
export function unpack<T extends object>(p: Packed<T>, fields: readonly (keyof T)[]): T[] {
  return p.packed.map((a) => Object.fromEntries(fields.map((f, i) => [f, a[i] ?? null])) as T);
}
