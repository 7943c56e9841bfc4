import { describe, expect, it } from 'vitest'
import { ApiError, fileNameOf, withQuery } from './http'

describe('http', () => {
  it('leaves empty filters out of the query string', () => {
    expect(withQuery('/api/households', { status: 'poor', village: undefined, name: '', page: 2 })).toBe('/api/households?status=poor&page=2')
    expect(withQuery('/api/households', {})).toBe('/api/households')
  })
  it('reads the Chinese file name of an export', () => {
    expect(fileNameOf(`attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('建档立卡户-20261130.xlsx')}`)).toBe(
      '建档立卡户-20261130.xlsx',
    )
    expect(fileNameOf('attachment; filename="a.xlsx"')).toBe('a.xlsx')
    expect(fileNameOf(null)).toBeUndefined()
  })
  it('shows a problem\'s field errors to the user', () => {
    const problem = new ApiError(400, '请求参数有误', '姓名应为1到30个汉字', { 'members[1].name': ['姓名应为1到30个汉字'] })
    expect(problem.messages).toEqual(['请求参数有误', '姓名应为1到30个汉字'])
    expect(new ApiError(404, '建档立卡户不存在', undefined).messages).toEqual(['建档立卡户不存在'])
  })
})
