// The Chinese words for the codes the services send (kebab-case enumeration codes, decision 0002).

export type Labels = Readonly<Record<string, string>>

export const householdStatus: Labels = { poor: '贫困户', exited: '已脱贫', monitored: '监测户' }

export const householdType: Labels = { ordinary: '一般贫困户', 'minimum-living': '低保贫困户', 'extreme-poverty': '特困供养贫困户' }

/** The household list's paired filter: whether a helper (帮扶责任人) is paired with the household. */
export const paired: Labels = { true: '已结对帮扶', false: '未结对帮扶' }

export const helperKind: Labels = {
  cadre: '干部职工',
  teacher: '教师',
  'medical-staff': '医务人员',
  deputy: '人大代表',
  'cppcc-member': '政协委员',
  entrepreneur: '民营企业家',
  other: '其他',
}

export const povertyCause: Labels = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因灾',
  land: '缺土地',
  water: '缺水',
  skills: '缺技术',
  labour: '缺劳力',
  capital: '缺资金',
  transport: '交通条件落后',
  drive: '自身发展动力不足',
}

export const monitoringCategory: Labels = {
  'unstable-exited': '脱贫不稳定户',
  edge: '边缘易致贫户',
  'sudden-hardship': '突发严重困难户',
}

export const monitoringTrigger: Labels = {
  'income-below-line': '收入低于监测线',
  'large-expense': '大额支出',
  'cadre-visit': '干部走访排查',
  'own-application': '农户自主申报',
  'department-data': '部门筛查预警',
}

export const guarantee: Labels = {
  food: '不愁吃',
  clothing: '不愁穿',
  'compulsory-education': '义务教育有保障',
  'basic-medical-care': '基本医疗有保障',
  'safe-housing': '住房安全有保障',
  'safe-drinking-water': '饮水安全有保障',
}

export const guaranteeStatus: Labels = { met: '达标', 'not-met': '未达标', 'not-assessed': '未评估' }

export const incomeKind: Labels = {
  wage: '工资性收入',
  business: '生产经营性收入',
  property: '财产性收入',
  transfer: '转移性收入',
  'production-cost': '生产经营性支出',
}

export const pillar: Labels = {
  industry: '产业就业',
  relocation: '易地搬迁',
  ecology: '生态补偿',
  education: '教育',
  welfare: '社会保障',
  registry: '建档立卡',
}

export const exitStep: Labels = {
  proposal: '纳入退出计划',
  review: '民主评议',
  check: '村委会和驻村工作队核实',
  confirmation: '贫困户认可',
  notice: '公示',
  objection: '异议',
  'objection-resolved': '异议处理',
  announcement: '公告',
  exit: '退出销号',
  withdrawal: '退回',
}

export const exitCaseState: Labels = {
  proposed: '拟退出',
  reviewed: '已评议',
  checked: '已核实',
  confirmed: '已认可',
  publicised: '公示中',
  announced: '已公告',
  exited: '已退出',
  returned: '已退回',
}

export const dropoutTrigger: Labels = { 'not-enrolled': '适龄未入学', 'dropped-out': '辍学' }

export const dropoutOutcome: Labels = {
  'returned-to-school': '劝返复学',
  'home-teaching': '送教上门',
  'over-age': '超龄',
  'left-household': '已离开本户',
}

export const responsibilityLine: Labels = { administrative: '行政线', education: '教育线', joint: '联合劝返' }

export const schoolStage: Labels = {
  preschool: '学前教育',
  primary: '小学',
  junior: '初中',
  senior: '普通高中',
  vocational: '中职',
  'higher-vocational': '高职',
  undergraduate: '本科',
  unknown: '学籍未报',
}

export const enrolment: Labels = { unknown: '未知', enrolled: '在读', 'not-enrolled': '未入学', 'dropped-out': '辍学' }

export const aidPolicy: Labels = {
  'living-subsidy': '两免一补生活补助',
  'nutrition-meals': '营养餐',
  'high-school-grant': '普通高中国家助学金',
  'vocational-grant': '中职国家助学金',
  'rain-dew': '雨露计划',
}

export const measureCategory: Labels = {
  industry: '产业帮扶',
  employment: '就业帮扶',
  education: '教育帮扶',
  health: '健康帮扶',
  finance: '金融帮扶',
  ecology: '生态帮扶',
  relocation: '易地扶贫搬迁',
  'housing-renovation': '危房改造',
  'civil-affairs-floor': '民政兜底',
  'disability-floor': '残疾人兜底',
  'village-infrastructure': '村基础设施',
}

export const sex: Labels = { male: '男', female: '女' }

export const health: Labels = { healthy: '健康', chronic: '长期慢性病', serious: '患有大病', disabled: '残疾' }

export const labourAbility: Labels = {
  normal: '普通劳动力',
  weak: '弱劳动力或半劳动力',
  none: '丧失劳动力',
  'not-working-age': '无劳动力',
}

export const schooling: Labels = {
  'not-school-age': '非在校生',
  preschool: '学前教育',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  vocational: '中职',
  college: '大专及以上',
  'left-school': '已离校',
  dropout: '辍学',
}

export const removalReason: Labels = {
  died: '死亡',
  'married-out': '婚出',
  'moved-out': '迁出',
  'enlisted-or-studying-away': '参军或外出求学',
  'registration-error': '登记错误',
  other: '其他',
}

export const expenseKind: Labels = { medical: '医疗', disaster: '灾害', schooling: '教育', accident: '意外事故', other: '其他' }

export const facilityKind: Labels = { kindergarten: '村级幼儿园', 'care-centre': '留守儿童关爱中心' }

export const auditOutcome: Labels = { succeeded: '成功', refused: '被拒绝', failed: '失败' }

/** The label of a code, or the code itself when the portal does not know it yet (a newer service). */
export function label(labels: Labels, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—'
  return labels[code] ?? code
}

/** The options of a select: every code with its label. */
export function options(labels: Labels): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, text]) => ({ value, label: text }))
}
