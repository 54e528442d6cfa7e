import { foldForMatching } from '../domain/vietnamese';
/** Folds typed Vietnamese for matching: see foldForMatching (one rule for the whole program). */
export const fold = foldForMatching;

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
