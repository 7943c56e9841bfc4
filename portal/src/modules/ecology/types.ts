// The ecology pillar's answers (services/ecology, /api/ecology), as the portal reads them.

/** A forest ranger's post: the ID number masked, the birth year only. */
export interface Ranger {
  id: string
  memberId: string
  householdId: string
  householdNumber: string
  name: string
  idNumber: string
  sex: string
  birthYear: number
  year: number
  townshipCode: string
  villageCode: string
  patrolArea: string | null
  areaMu: number | null
  startsOn: string
  endsOn: string
  annualPay: number
  inPost: boolean
  endedOn: string | null
  endReason: string | null
  endNote: string | null
  grade: string | null
  assessedOn: string | null
  patrols: number
  payDue: number
  paid: number | null
  paidOn: string | null
}

export interface Patrol { id: string; patrolledOn: string; hours: number | null; distanceKm: number | null; findings: string | null; recordedBy: string }

export interface Quota { year: number; townshipCode: string; posts: number; inPost: number; ended: number; vacancies: number }

export interface RangerPay { id: string; postId: string; householdId: string; householdNumber: string; name: string; idNumber: string; villageCode: string; year: number; amount: number; paidOn: string; note: string | null }

export interface Compensation { id: string; householdId: string; householdNumber: string; villageCode: string; kind: string; kindName: string; year: number; areaMu: number; ratePerMu: number; amount: number; paidOn: string }

export interface EcologyProject { id: string; name: string; kind: string; kindName: string; crop: string | null; cropName: string | null; townshipCode: string; villageCode: string; areaMu: number; year: number; operator: string | null; households: number }

export interface ProjectHousehold { householdId: string; householdNumber: string; villageCode: string; joinedAt: string; wages: number; dividends: number }

export interface Reached { householdId: string; householdNumber: string; villageCode: string; ranger: boolean; compensation: number; projects: number }

export interface ProjectIncome { id: string; kind: string; year: number; amount: number }

/** What the ecology pillar did for one household. */
export interface HouseholdEcology {
  householdId: string
  householdNumber: string
  rangers: Ranger[]
  compensation: Compensation[]
  projects: { projectId: string; name: string; kind: string; villageCode: string; incomes: ProjectIncome[] }[]
}
