import type { Labels } from '@/shared/labels'

// The welfare pillar's codes (services/welfare Domain, contracts' SocialAssistanceCategory) in the county's words.

export const assistanceCategory: Labels = { 'minimum-living': '农村低保', 'extreme-poverty': '特困供养' }

export const enrolmentStatus: Labels = { active: '在保', ended: '已停保' }

export const aidClass: Labels = { 'extreme-poverty': '特困人员', 'minimum-living': '低保对象', registered: '建档立卡贫困人口', monitored: '监测对象' }

export const claimKind: Labels = { inpatient: '住院', 'special-outpatient': '门诊慢特病' }

export const payoutCause: Labels = { illness: '因病', schooling: '因学', disaster: '因灾' }

export const disabilityKind: Labels = { visual: '视力', hearing: '听力', speech: '言语', physical: '肢体', intellectual: '智力', mental: '精神', multiple: '多重' }

export const certificateStatus: Labels = { active: '有效', revoked: '已注销' }

/** 残疾等级 一级 (most severe) to 四级. */
export function disabilityGrade(grade: number | string | null | undefined): string {
  const names = ['', '一级', '二级', '三级', '四级']
  return grade === null || grade === undefined ? '—' : `${names[Number(grade)] ?? grade}残疾`
}
