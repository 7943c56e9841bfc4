// The portal's Chinese font: a county PC's own (PingFang on a Mac, YaHei on Windows, Noto CJK, Source Han or
// WenQuanYi on Linux) where it has one, else the bundled Noto Sans SC. The system fonts come first: a PC that
// has one downloads none of the bundled font's subsets (about 25 files of 30 KB on the dashboard, which held
// the figures' requests behind them on the browser's six connections). Keep in step with styles.css (tested).

/** The Chinese fonts a county PC may have, by family name, with the names local() finds them by (full, PostScript). */
export const systemChineseFonts: ReadonlyArray<{ family: string; local: string[] }> = [
  { family: 'PingFang SC', local: ['PingFang SC Regular', 'PingFangSC-Regular'] },
  { family: 'Microsoft YaHei', local: ['Microsoft YaHei', 'MicrosoftYaHei'] },
  { family: 'Noto Sans CJK SC', local: ['Noto Sans CJK SC', 'Noto Sans CJK SC Regular', 'NotoSansCJKsc-Regular'] },
  { family: 'Source Han Sans SC', local: ['Source Han Sans SC', 'Source Han Sans SC Regular', 'SourceHanSansSC-Regular'] },
  { family: 'WenQuanYi Micro Hei', local: ['WenQuanYi Micro Hei', 'WenQuanYiMicroHei'] },
]

/** The bundled font's family (@fontsource/noto-sans-sc). */
export const bundledFont = 'Noto Sans SC'

/** The font list of the page and of every chart's canvas: the PC's own Chinese font, then the bundled one. */
export const fontStack = [...systemChineseFonts.map((f) => `'${f.family}'`), `'${bundledFont}'`, 'system-ui', 'sans-serif'].join(', ')

let bundledNeeded: Promise<boolean> | undefined

/**
 * Whether this PC lacks every system Chinese font of the list, so that canvases need the bundled font's
 * subsets loaded before they draw (a page's text asks for them itself, a canvas does not). Asked once.
 */
export function needsBundledFont(): Promise<boolean> {
  bundledNeeded ??= (async () => {
    if (typeof FontFace === 'undefined') return false
    const sources = systemChineseFonts.flatMap((f) => f.local.map((name) => `local('${name}')`)).join(', ')
    try {
      // A face made only of local() sources loads when one of them is installed and fails otherwise.
      await new FontFace('portal-system-chinese-probe', sources).load()
      return false
    } catch {
      return true
    }
  })()
  return bundledNeeded
}

// The dashboard's charts draw their words on a canvas, which never asks for the bundled font's subsets
// itself: on a PC without a Chinese font of its own the dashboard asks for the subsets of the charts' own
// words as it opens, while the figures and the chart library are still on their way (the places' names
// follow with the figures, loadChartFont).
const chartWords = '分年度脱贫户数人乡镇建档立卡已贫困监测发生率出列标准不稳定边缘易致突严重难学段生资助覆盖目标前小初高中职本科'

async function loadBundled(text: string): Promise<void> {
  if (!(await needsBundledFont())) return
  await document.fonts?.load(`12px '${bundledFont}'`, text)
}

export function warmChartFont(): void {
  loadBundled(chartWords + '0123456789%.,').catch(() => undefined)
}

/**
 * Asks for the font's subsets of an answer's words (places' names) as soon as it arrives, while the other
 * answers of the panel are still on their way: the chart draws when all are in, and its words are loaded by then.
 */
export function warmChartFontWith<T>(answer: Promise<T>): Promise<T> {
  return answer.then((value) => {
    loadBundled(JSON.stringify(value)).catch(() => undefined)
    return value
  })
}

/**
 * Loads the bundled font's subsets for the words of the charts before they are drawn, on a PC that needs
 * them. Gives up after 1.5 s (the chart then draws in a fallback font).
 */
export async function loadChartFont(options: unknown[]): Promise<void> {
  const text = JSON.stringify(options)
  try {
    await Promise.race([loadBundled(text), new Promise((resolve) => setTimeout(resolve, 1500))])
  } catch {
    // no font loading in this browser: draw with what there is
  }
}
