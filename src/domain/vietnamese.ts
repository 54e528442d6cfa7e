/**
 * The one rule for comparing Vietnamese text typed by people: no diacritics, đ → d. Every
 * matcher in the program (answers, typed commands, Zalo's numbered choices, file names, weekday
 * names in the schedule) starts from it, so "Có", "có" and "co" never disagree between them.
 */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (letter) => (letter === 'đ' ? 'd' : 'D'));
}

/**
 * Typed text folded for matching words: lower case, no diacritics, single spaces, no quotes,
 * brackets or sentence punctuation around it. "Có", "có", "co", "CÓ." and «có» all become "co".
 */
export function foldForMatching(text: string): string {
  return stripDiacritics(text)
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .replace(/^[«"'“(\s.!?,;:]+|[»"'”)\s.!?,;:]+$/g, '');
}
