/**
 * Folds typed Vietnamese for matching: lower case, no diacritics (đ → d), single
 * spaces, no surrounding punctuation. "Có", "có", "co" and "CÓ." all become "co".
 */
export function fold(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/^[«"'“(\s]+|[»"'”).!?\s]+$/g, '');
}

/** Cuts a string to `max` characters on a word boundary when possible, adding "…". */
export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Vietnamese thousands grouping with dots: 1200 → "1.200". */
export function groupThousands(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${grouped}` : grouped;
}
