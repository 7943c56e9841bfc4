/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { bundledFont, fontStack, systemChineseFonts } from './fonts'

describe('the portal font', () => {
  it('is the same list for the page (styles.css) and the charts, the PC\'s own Chinese fonts before the bundled one', () => {
    const css = readFileSync(`${process.cwd()}/src/styles.css`, 'utf8')
    const declared = /--el-font-family:\s*([^;]+);/.exec(css)?.[1].trim()
    expect(declared).toBe(fontStack)
    const families = fontStack.split(', ')
    expect(families.indexOf(`'${bundledFont}'`)).toBe(systemChineseFonts.length)
  })
})
