/** Masked forms of personal data for lists, API answers and public verification. */

const DOT = "•";

/** `ABC1234567` → `ABC•••4567`: enough to tell members apart, not enough to use the number. */
export function maskEpic(epic: string): string {
  if (epic.length <= 7) return DOT.repeat(epic.length);
  return `${epic.slice(0, 3)}${DOT.repeat(3)}${epic.slice(-4)}`;
}

/** `9876543210` → `98•••••210`. */
export function maskPhone(phone: string): string {
  if (phone.length < 6) return DOT.repeat(phone.length);
  return `${phone.slice(0, 2)}${DOT.repeat(phone.length - 5)}${phone.slice(-3)}`;
}

/** `CG26-0004711` → `CG26-••••711`. */
export function maskMembershipNo(no: string): string {
  const dash = no.indexOf("-");
  if (dash < 0 || no.length - dash - 1 <= 3) return no.replace(/.(?=.{3})/g, DOT);
  return `${no.slice(0, dash + 1)}${DOT.repeat(no.length - dash - 4)}${no.slice(-3)}`;
}

const segmenter = new Intl.Segmenter("hi", { granularity: "grapheme" });

/**
 * `रमेश साहू` → `र••• सा•••`, `Ramesh Sahu` → `R••• S•••`: the first letter (grapheme, so a Devanagari
 * consonant keeps its vowel sign) of each word.
 */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const first = segmenter.segment(word)[Symbol.iterator]().next().value?.segment ?? "";
      return `${first}${DOT.repeat(3)}`;
    })
    .join(" ");
}
