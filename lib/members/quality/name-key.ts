/**
 * A spelling-blind key for a person's name, so that the same person typed twice (once in Devanagari, once in
 * Latin letters, in capitals, with extra spaces, with a long or a short vowel) gives one key, while different
 * names keep different keys. Pure: no database.
 *
 * `normaliseName(s)`, the rule, step by step:
 *
 * 1. Unicode NFC; a lower-case Latin letter followed by a capital is a word break ("SunitaDhruv" is
 *    "Sunita Dhruv"); then lower case. Whitespace splits the text into words; each word goes through
 *    steps 2–6 on its own (and is memoised, see below).
 * 2. Devanagari (U+0900–U+097F) is transliterated to IAST with sanscript
 *    (`Sanscript.t(run, "devanagari", "iast")`), after three changes to the Devanagari itself:
 *    - the nukta (़) and the zero-width joiners are dropped, so ड़→ड, ढ़→ढ, ज़→ज, फ़→फ, क़→क;
 *    - Hindi schwa deletion: a virama is added after each consonant whose inherent vowel (the "a" of a
 *      consonant written with no vowel sign and no virama) is not pronounced, so sanscript writes no "a":
 *      (a) first, the word's last letter, when it is a consonant with its inherent vowel and no anusvara,
 *          chandrabindu or visarga after it, and the word has two or more pronounced vowels
 *          (रमेश → rameś; राम → rām; न stays na);
 *      (b) then, from left to right, a medial inherent vowel (with no anusvara/chandrabindu/visarga after it)
 *          when all three hold: its consonant is a single consonant, not the second half of a conjunct; the
 *          letter before it carries a vowel that is still pronounced, with no visarga after it and no
 *          anusvara/chandrabindu either, unless what comes next (below) is the word's last letter; after it
 *          come one consonant or a conjunct, then a vowel that is still pronounced (VC_CV and VC_CCV).
 *          रामलाल → rāmlāl, कमलेश → kamleś, सुखमती → sukhmatī, फूलबासन → phūlbāsan, घनश्याम → ghanśyām,
 *          जांगड़े → jāṃgḍe, बंगला → baṃglā; but लखन → lakhan, अजय → ajay, यादव → yādav, मंगलवार → maṃgalvār.
 * 3. IAST letters that Latin spellings write differently: the anusvara ṃ becomes "m" before p, b or m
 *    (चंपा = Champa), "ng" before h (सिंह = Singh), and "n" elsewhere (संतोष = Santosh); the chandrabindu
 *    (sanscript writes "~") becomes "n"; the visarga ḥ is dropped (दुःख = Dukh); ṛ and ṝ become "ri"
 *    (कृष्ण = Krishna); jñ becomes "gy" (ज्ञान = Gyan).
 * 4. Unicode NFD and every combining mark removed (ā→a, ī→i, ś→s, ṣ→s, ṭ→t, ḍ→d, ṇ→n, ñ→n …).
 * 5. Every character that is not a–z becomes a word break (digits, punctuation, other scripts).
 * 6. Each word is folded, in this order:
 *    1. x→ks, q→k, z→j, w→v;
 *    2. chh→c, ch→c (IAST c and ch, Latin ch and chh: च and छ fold together), sh→s, ph→f;
 *    3. ee→i, oo→u, ou→au;
 *    4. a word ending in "ore" drops the e (Kishore = किशोर); "er" before a consonant becomes "ar"
 *       (Verma = वर्मा);
 *    5. every run of one repeated letter becomes one letter (aa→a, ii→i, uu→u, tt→t, nn→n …);
 *    6. one trailing "a" is dropped from a word longer than 2 letters (the final schwa and the final ā alike:
 *       Sunita = सुनीता → sunit, Dhruv = ध्रुव → dhruv);
 *    7. a word longer than 3 letters ending in a consonant + "on" ends in "an" instead (Tandon = टंडन);
 *    8. a final "y" becomes "i" (Ajay = अजय → ajai).
 * 7. The folded words are joined with no space, so "Sunita Dhruv", "SunitaDhruv", "SUNITA  DHRUW" and
 *    "सुनीता ध्रुव" are all "sunitdhruv".
 *
 * `nameKey(name, relativeName)` = `normaliseName(name) + "|" + normaliseName(relativeName ?? "")`.
 *
 * Known limits: other vowels are kept (Ramesh ≠ Rajesh, Sunita ≠ Anita, Sahu ≠ Sinha, Verma = Varma only
 * through rule 6.4) and so is aspiration (Dhruv ≠ Druv); a Latin spelling that writes a silent schwa
 * (Jangade for जांगड़े) or runs the words together in capitals only (SUNITADHRUV) keeps that extra "a"; the
 * schwa rule is the common one, and Hindi has exceptions to it. Different names that differ only in what is
 * folded share a key (चाया and छाया; Sunita and Sunit). The seed's 85 Latin names all keep distinct keys.
 *
 * Memoised per whitespace-separated word in a Map of at most 50,000 entries (the oldest entry goes first),
 * because a scan normalises millions of names that repeat heavily.
 */
import Sanscript from "@indic-transliteration/sanscript";

const DEVANAGARI_RUN = /[\u0900-\u097F\u200C\u200D]+/g;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

const VIRAMA = 0x094d;

function isConsonant(c: number): boolean {
  return (c >= 0x0915 && c <= 0x0939) || (c >= 0x0958 && c <= 0x095f) || (c >= 0x0978 && c <= 0x097f);
}
function isVowelSign(c: number): boolean {
  return (c >= 0x093a && c <= 0x094c && c !== 0x093c && c !== 0x093d) || c === 0x094e || c === 0x094f || (c >= 0x0955 && c <= 0x0957) || c === 0x0962 || c === 0x0963;
}
function isIndependentVowel(c: number): boolean {
  return (c >= 0x0904 && c <= 0x0914) || c === 0x0960 || c === 0x0961 || (c >= 0x0972 && c <= 0x0977);
}
function codaOf(c: number): Letter["coda"] {
  return c === 0x0903 ? "visarga" : c >= 0x0900 && c <= 0x0902 ? "nasal" : null;
}

/** One letter of a Devanagari word: a consonant (with its vowel) or an independent vowel. */
interface Letter {
  consonant: boolean;
  /** "inherent": a consonant with no vowel sign and no virama; "none": followed by a virama (a conjunct). */
  vowel: "inherent" | "sign" | "none" | "independent";
  /** Index in the word of the consonant, where a virama goes when its inherent vowel is deleted. */
  at: number;
  /** What follows the letter's vowel: an anusvara or chandrabindu ("nasal"), a visarga, or nothing. */
  coda: "nasal" | "visarga" | null;
  deleted: boolean;
}

/** Devanagari word (no nukta, no joiners) with a virama added after each consonant whose "a" is silent. */
function deleteSchwas(word: string): string {
  const letters: Letter[] = [];
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (isConsonant(c)) {
      const next = word.charCodeAt(i + 1);
      const vowel = next === VIRAMA ? "none" : isVowelSign(next) ? "sign" : "inherent";
      letters.push({ consonant: true, vowel, at: i, coda: null, deleted: false });
    } else if (isIndependentVowel(c)) {
      letters.push({ consonant: false, vowel: "independent", at: i, coda: null, deleted: false });
    } else if (codaOf(c)) {
      const last = letters.at(-1);
      if (last) last.coda = codaOf(c);
    }
  }
  const voiced = (l: Letter | undefined) => l !== undefined && l.vowel !== "none" && !l.deleted;
  const syllables = letters.filter(voiced).length;
  const last = letters.at(-1);
  if (last && syllables >= 2 && last.consonant && last.vowel === "inherent" && !last.coda) last.deleted = true;
  for (let k = 1; k < letters.length; k++) {
    const l = letters[k]!;
    if (l.vowel !== "inherent" || l.deleted || l.coda) continue;
    const before = letters[k - 1]!;
    // Then one consonant or a conjunct (C or CC…) carrying a pronounced vowel (_CV).
    let j = k + 1;
    while (j < letters.length && letters[j]!.consonant && letters[j]!.vowel === "none") j++;
    const after = letters[j];
    if (!after || !after.consonant || !voiced(after)) continue;
    // A single consonant after a pronounced syllable (VC_), not the second half of a conjunct; that syllable
    // may end in a nasal only when what follows is the word's last letter (बंगला, जांगड़े).
    if (!voiced(before)) continue;
    if (before.coda === "visarga" || (before.coda === "nasal" && j !== letters.length - 1)) continue;
    l.deleted = true;
  }
  const cuts = letters.filter((l) => l.deleted).map((l) => l.at);
  if (cuts.length === 0) return word;
  let out = "";
  let from = 0;
  for (const at of cuts) {
    out += word.slice(from, at + 1) + "\u094D";
    from = at + 1;
  }
  return out + word.slice(from);
}

function transliterate(run: string): string {
  const clean = run.replace(/[\u093C\u200C\u200D]/g, "");
  return Sanscript.t(deleteSchwas(clean), "devanagari", "iast");
}

function foldWord(w: string): string {
  let s = w.replace(/x/g, "ks").replace(/q/g, "k").replace(/z/g, "j").replace(/w/g, "v");
  s = s.replace(/chh/g, "c").replace(/ch/g, "c").replace(/sh/g, "s").replace(/ph/g, "f");
  s = s.replace(/ee/g, "i").replace(/oo/g, "u").replace(/ou/g, "au");
  s = s.replace(/ore$/, "or").replace(/er(?=[b-df-hj-np-tv-z])/g, "ar");
  s = s.replace(/([a-z])\1+/g, "$1");
  if (s.length > 2 && s.endsWith("a")) s = s.slice(0, -1);
  if (s.length > 3) s = s.replace(/([b-df-hj-np-tv-z])on$/, "$1an");
  return s.replace(/y$/, "i");
}

function normaliseWord(word: string): string {
  let s = word.normalize("NFC").replace(/([a-z])(?=[A-Z])/g, "$1 ").toLowerCase();
  s = s.replace(DEVANAGARI_RUN, (run) => transliterate(run));
  s = s
    .replace(/ṃ(?=[pbm])/g, "m")
    .replace(/ṃ(?=h)/g, "ng")
    .replace(/[ṃ~]|m\u0310/g, "n")
    .replace(/ḥ/g, "")
    .replace(/[ṛṝ]/g, "ri")
    .replace(/jñ/g, "gy");
  s = s.normalize("NFD").replace(/\p{M}/gu, "");
  return s
    .split(/[^a-z]+/)
    .filter((part) => part.length > 0)
    .map(foldWord)
    .join("");
}

function cachedWord(word: string): string {
  let folded = cache.get(word);
  if (folded === undefined) {
    folded = normaliseWord(word);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(word, folded);
  }
  return folded;
}

/** The spelling-blind form of a name (see the module header for the rule). */
export function normaliseName(s: string): string {
  let out = "";
  for (const word of s.split(/\s+/)) if (word) out += cachedWord(word);
  return out;
}

/** The key two sign-ups of the same person share: name and relative's name, each normalised. */
export function nameKey(name: string, relativeName: string | null): string {
  return `${normaliseName(name)}|${normaliseName(relativeName ?? "")}`;
}
