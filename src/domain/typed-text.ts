/**
 * What people type into a code or number field, made comparable: full-width forms (a Chinese
 * IME types Ｋ７Ｍ２ and ｘ) become ASCII by Unicode compatibility normalisation (NFKC), spaces
 * (including the ideographic space) and every kind of hyphen or dash are dropped, letters are
 * uppercased. One definition for ID and certificate numbers, references, resume codes and the
 * last four characters of an ID number, on the pages and in the JSON API alike.
 */
const SPACES_AND_DASHES = /[\s\u3000\-\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

export function compactTyped(input: string): string {
  return input.normalize('NFKC').replace(SPACES_AND_DASHES, '').toUpperCase();
}
