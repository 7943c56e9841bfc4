// Resident ID numbers (GB 11643) as the portal handles them: shown masked, never whole unless an
// audited reveal just returned it. The check lets tests (and the reveal dialog) tell a whole number.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const checks = '10X98765432'

/** Whether the text is a whole, valid 18-character resident ID number (check character included). */
export function isWholeIdNumber(text: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(text)) return false
  const sum = weights.reduce((total, weight, i) => total + weight * Number(text[i]), 0)
  return checks[sum % 11] === text[17].toUpperCase()
}

/** Every whole, valid ID number inside a text (a page's HTML, a response body). */
export function wholeIdNumbersIn(text: string): string[] {
  return [...text.matchAll(/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g)].map((m) => m[0]).filter(isWholeIdNumber)
}
