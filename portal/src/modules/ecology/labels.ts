import type { Labels } from '@/shared/labels'

// The ecology pillar's codes (services/ecology Domain/Enumerations.cs, contracts' RangerPostEndReason) in the county's words.

export const assessmentGrade: Labels = { excellent: '优秀', qualified: '合格', 'basically-qualified': '基本合格', unqualified: '不合格' }

export const compensationKind: Labels = { 'public-welfare-forest': '公益林生态效益补偿', 'returned-farmland': '退耕还林补助' }

export const projectKind: Labels = { afforestation: '精准灭荒', orchard: '林果基地' }

export const orchardCrop: Labels = { cherry: '樱桃', 'yellow-peach': '黄桃', walnut: '核桃', kiwifruit: '猕猴桃', 'oil-tea': '油茶', other: '其他林果' }

export const projectIncomeKind: Labels = { wage: '务工工资', dividend: '入股分红' }

export const postEndReason: Labels = { died: '死亡', 'moved-away': '迁出', 'lost-labour-ability': '丧失劳动能力', dismissed: '解聘', resigned: '辞聘', 'left-household': '离户' }

export const rangerStatus: Labels = { 'in-post': '在岗', ended: '已离岗' }
