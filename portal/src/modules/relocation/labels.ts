import type { Labels } from '@/shared/labels'

// The relocation pillar's codes (services/relocation Domain/Enumerations.cs) in the county's words.

export const resettlementMode: Labels = { 'town-or-county': '进城进镇', 'central-village': '进中心村', 'welfare-home': '进中心福利院', scattered: '分散安置' }

export const relocationStep: Labels = { planned: '纳入搬迁计划', 'housing-allocated': '已分配安置房', 'moved-in': '已搬迁入住', 'old-house-demolished': '已拆旧复垦' }

export const houseGrade: Labels = { a: 'A级（安全）', b: 'B级（安全）', c: 'C级（局部危险）', d: 'D级（整体危险）' }

export const renovationProgramme: Labels = { 'non-differentiated': '无差别危房改造（2019–2020）', 'dilapidated-house': '农村危房改造' }

export const renovationMethod: Labels = { reinforcement: '加固改造', rebuild: '拆除重建' }

export const toiletType: Labels = { 'three-compartment': '三格化粪池式', 'double-urn': '双瓮漏斗式', biogas: '三联通沼气池式', sewer: '完整下水道水冲式' }

export const waterKind: Labels = { centralised: '集中供水', scattered: '分散供水' }

export const waterTested: Labels = { passed: '最近检测达标', failed: '最近检测不达标', none: '未检测' }

export const madeSafeBy: Labels = {
  relocation: '易地搬迁（集中安置）',
  'scattered-resettlement': '易地搬迁（分散安置）',
  'non-differentiated-renovation': '无差别危房改造',
  'earlier-renovation': '此前危房改造',
}

export const ownedGuarantee: Labels = { 'safe-housing': '住房安全有保障', 'safe-drinking-water': '饮水安全有保障' }
