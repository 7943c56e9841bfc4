import type { Labels } from '@/shared/labels'

// The industry pillar's codes (services/industry Domain/Enumerations.cs) in the county's words.

export const entityKind: Labels = { cooperative: '农民专业合作社', 'lead-enterprise': '农业产业化龙头企业', 'family-farm': '家庭农场', workshop: '扶贫车间' }

export const workshopSite: Labels = { 'central-village': '中心村', 'resettlement-site': '易地搬迁安置点' }

export const linkKind: Labels = { dividend: '入股分红', wage: '务工', 'land-lease': '土地流转', 'contract-purchase': '订单收购' }

export const employmentKind: Labels = { workshop: '扶贫车间就业', 'public-welfare-post': '公益性岗位', 'transferred-out': '转移就业' }

export const destinationScope: Labels = { 'in-province': '县外省内', 'out-of-province': '省外' }

export const saleChannel: Labels = { 'public-procurement': '预算单位采购', 'e-commerce': '电商平台', fair: '展销会、农超对接', counterpart: '东西部协作、对口帮扶' }

export const incomeSource: Labels = { 'link-payment': '利益联结收益', 'project-subsidy': '产业奖补', employment: '就业工资', 'sale-share': '消费扶贫' }

export const matchingOutcome: Labels = { employed: '已就业', 'no-job-wanted': '无就业意愿', other: '其他' }

/** Whether a list row is in force: the lists' true/false filters. */
export const current: Labels = { true: '在岗', false: '已离岗' }
export const openLink: Labels = { true: '有效', false: '已终止' }
export const covered: Labels = { true: '已覆盖', false: '未覆盖' }
export const lifted: Labels = { true: '产业带动脱贫', false: '其他' }
export const openTask: Labels = { true: '未完成', false: '已结束' }
