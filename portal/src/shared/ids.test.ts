import { describe, expect, it } from 'vitest'
import { isWholeIdNumber, wholeIdNumbersIn } from './ids'

describe('resident ID numbers', () => {
  it('knows a valid number by its check character (GB 11643)', () => {
    expect(isWholeIdNumber('11010519491231002X')).toBe(true)
    expect(isWholeIdNumber('110105194912310021')).toBe(false)
    expect(isWholeIdNumber('420325************')).toBe(false)
  })
  it('finds whole numbers in a text, not masked ones or longer digit runs', () => {
    const text = '{"idNumber":"420325************","other":"11010519491231002X","code":"1101051949123100211"}'
    expect(wholeIdNumbersIn(text)).toEqual(['11010519491231002X'])
  })
})
