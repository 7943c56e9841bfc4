// The dashboard's charts draw their words on a canvas, which never asks for the bundled font's subsets
// itself: the dashboard asks for the subsets of the charts' own words as it opens, while the figures and
// the chart library are still on their way (the places' names follow with the figures, loadChartFont).
const chartWords = '分年度脱贫户数人乡镇建档立卡已贫困监测发生率出列标准不稳定边缘易致突严重难学段生资助覆盖目标前小初高中职本科'

export function warmChartFont(): void {
  document.fonts?.load(`12px 'Noto Sans SC'`, chartWords + '0123456789%.,').catch(() => undefined)
}

/**
 * Asks for the font's subsets of an answer's words (places' names) as soon as it arrives, while the other
 * answers of the panel are still on their way: the chart draws when all are in, and its words are loaded by then.
 */
export function warmChartFontWith<T>(answer: Promise<T>): Promise<T> {
  return answer.then((value) => {
    document.fonts?.load(`12px 'Noto Sans SC'`, JSON.stringify(value)).catch(() => undefined)
    return value
  })
}
