/* The search codec in the browser: the same as govsite/search_text.py (docs/search.md), tested against it.
   A text is normalised (NFKC, lower case, white space runs one space), every character is a unit from a
   fixed table of Unicode ranges, and a unit is written as a three-character code, one word per position. */

export const RANGES = [
  [0x0020, 0x007e], [0x00a0, 0x024f], [0x0370, 0x03ff], [0x0400, 0x04ff], [0x2000, 0x206f],
  [0x2100, 0x218f], [0x2190, 0x22ff], [0x2460, 0x24ff], [0x2500, 0x25ff], [0x3000, 0x303f],
  [0x3040, 0x30ff], [0x3100, 0x312f], [0x3200, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
  [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xffef],
];
export const TITLE_PREFIX = "1";
export const DOCNO_PREFIX = "2";
const FIRST = "abcdefghijklmnopqrstuvwxyz";
const REST = "abcdefghijklmnopqrstuvwxyz0123456789";
const OTHER = 0;

const OFFSETS = (() => {
  let start = 1;
  return RANGES.map(([first, last]) => {
    const entry = [first, last, start];
    start += last - first + 1;
    return entry;
  });
})();

/* NFKC, lower case, white space runs one space, trimmed (the same class of white space as Python's). */
const SPACE = /[\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
export function normalize(text) {
  return text.normalize("NFKC").toLowerCase().replace(SPACE, " ").replace(/^ | $/g, "");
}

export function unit(char) {
  const point = char.codePointAt(0);
  for (const [first, last, start] of OFFSETS) {
    if (point < first) return OTHER;
    if (point <= last) return start + point - first;
  }
  return OTHER;
}

export function code(number) {
  const rest = REST.length;
  return FIRST[Math.floor(number / (rest * rest))] + REST[Math.floor(number / rest) % rest] + REST[number % rest];
}

export function codes(text) {
  return Array.from(text, (char) => code(unit(char)));
}

/* The words an exact (quoted) Pagefind search looks for to find a normalised term: the code of each unit. */
export function queryWords(term, prefix = "") {
  return codes(term).map((c) => prefix + c);
}

function charOf(unitCode) {
  const rest = REST.length;
  const number = FIRST.indexOf(unitCode[0]) * rest * rest + REST.indexOf(unitCode[1]) * rest + REST.indexOf(unitCode[2]);
  for (const [first, last, start] of OFFSETS) {
    if (start <= number && number <= start + last - first) return String.fromCodePoint(first + number - start);
  }
  return "\ufffd";
}

/* The text of a twin page's stored content: its body stream of unit codes (the words up to the first word that
   is not a code). */
export function decode(content) {
  const chars = [];
  for (const word of content.split(/\s+/)) {
    if (word.length !== 3) {
      if (word === "" && chars.length === 0) continue;
      break;
    }
    const char = charOf(word.toLowerCase());
    chars.push(/^[A-Z]/.test(word) ? char.toUpperCase() : char); /* a code in capitals: a capital A-Z */
  }
  return chars.join("");
}
