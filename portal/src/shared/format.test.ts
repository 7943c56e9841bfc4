import { describe, expect, it } from 'vitest'
import { count, date, dateTime, money, percent, percentOf, quantity } from './format'

describe('format', () => {
  it('counts with thousands separators and a dash for nothing', () => {
    expect(count(48181)).toBe('48,181')
    expect(count(0)).toBe('0')
    expect(count(null)).toBe('—')
  })
  it('shows money in yuan with two places', () => {
    expect(money(4000)).toBe('4,000.00 元')
    expect(money(1234.5, '')).toBe('1,234.50')
    expect(money(undefined)).toBe('—')
  })
  it('shows a measured quantity with up to two places and its unit', () => {
    expect(quantity(1350000, '亩')).toBe('1,350,000 亩')
    expect(quantity(36.4, '亩')).toBe('36.4 亩')
    expect(quantity(12.345)).toBe('12.35')
    expect(quantity(null, '亩')).toBe('—')
  })
  it('shows a ratio as a percentage, and a percentage as given', () => {
    expect(percent(0.0123)).toBe('1.23%')
    expect(percent(0.9, 0)).toBe('90%')
    expect(percentOf(99.5)).toBe('99.50%')
  })
  it('reads dates and instants in Beijing time', () => {
    expect(date('2020-10-17')).toBe('2020-10-17')
    // 17:30 UTC is already the next day in Beijing.
    expect(date('2020-10-16T17:30:00Z')).toBe('2020-10-17')
    expect(dateTime('2020-10-16T17:30:00Z')).toBe('2020-10-17 01:30')
    expect(date(null)).toBe('—')
  })
})
