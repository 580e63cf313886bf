/**
 * 公示 (public notice) rules that do not depend on a framework: how a name is shown, and who is
 * never shown. The database applies the same name rules (intake.mask_public_name); a test holds
 * the two together.
 */

/** The separators of names written with a middle dot (阿依古丽·买买提), as typed in practice. */
const NAME_DOT = /\s*[·•・．.‧]\s*/;

/**
 * A name as a public notice shows it, counted in characters (a character outside the BMP, such as
 * 𠈌, is one): one character → *; two → 王*; three → 王*华; four or more → the first two (a compound
 * surname such as 欧阳) and * for the rest; with a middle dot, the first and last character shown,
 * the others masked, the dots kept (阿***·**提).
 */
export function maskNoticeName(input: string): string {
  const name = input.trim();
  if (!name) return '';
  const stars = (n: number) => '*'.repeat(Math.max(n, 0));
  if (NAME_DOT.test(name)) {
    const parts = name.split(NAME_DOT).map((p) => [...p]);
    return parts
      .map((p, i) => (i === 0 ? (p[0] ?? '') + stars(p.length - 1) : i === parts.length - 1 ? stars(p.length - 1) + (p.at(-1) ?? '') : stars(p.length)))
      .join('·');
  }
  const chars = [...name];
  const n = chars.length;
  if (n === 1) return '*';
  if (n === 2) return `${chars[0]}*`;
  if (n === 3) return `${chars[0]}*${chars[2]}`;
  return `${chars[0]}${chars[1]}${stars(n - 2)}`;
}
