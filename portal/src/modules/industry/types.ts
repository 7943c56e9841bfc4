// The industry pillar's answers (services/industry, /api/industry), as the portal reads them.

export interface IndustryHousehold { id: string; householdNumber: string; townshipCode: string; villageCode: string; status: string }

/** A member: the ID number masked, the birth year only. */
export interface IndustryMember { id: string; householdId: string; name: string; idNumber: string; birthYear: number; sex: string; labourAbility: string | null; isCurrent: boolean }

export interface Entity {
  id: string
  code: string
  kind: string
  name: string
  townshipCode: string
  villageCode: string
  industry: string
  industryName: string
  model: string | null
  modelName: string | null
  workshopSite: string | null
  siteId: string | null
  siteName: string | null
  foundedOn: string | null
  openLinks: number
  workers: number
}

export interface Base {
  id: string
  code: string
  name: string
  industry: string
  industryName: string
  unit: string
  townshipCode: string
  villageCode: string
  areaMu: number | null
  head: number | null
  entityId: string | null
  model: string | null
  households: number
}

export interface Link {
  id: string
  entityId: string
  entityName: string
  entityKind: string
  kind: string
  incomeKind: string
  member: IndustryMember
  baseId: string | null
  startedOn: string
  endedOn: string | null
  endReason: string | null
  note: string | null
  payments: number
  paid: number
}

export interface Employment {
  id: string
  member: IndustryMember
  householdId: string
  kind: string
  workshopId: string | null
  employer: string
  destination: string | null
  destinationScope: string | null
  startedOn: string
  year: number
  months: number
  monthlyWage: number
  wage: number
  endedOn: string | null
  endReason: string | null
}

export interface Project {
  id: string
  householdId: string
  member: IndustryMember
  industry: string
  industryName: string
  unit: string
  description: string
  scale: number
  year: number
  policyName: string
  subsidy: number
}

export interface Income { sourceRecordId: string; source: string; householdId: string; memberId: string | null; year: number; kind: string; amount: number; countsTowardExit: boolean; description: string; recordedAt: string }

export interface Sale { id: string; product: string; channel: string; channelName: string; buyer: string; soldOn: string; amount: number; shares: { id: string; householdId: string; amount: number }[] }

export interface Coverage { household: IndustryHousehold; covered: boolean; liftedByIndustry: boolean; links: number; projects: number; countedIndustryIncome: number }

export interface WorkListEntry { flagId: string; household: IndustryHousehold | null; householdId: string; category: string; trigger: string; raisedOn: string; reason: string; removedOn: string | null; covered: boolean }

export interface MatchingTask {
  id: string
  household: IndustryHousehold | null
  householdId: string
  caseId: string
  siteId: string | null
  siteName: string | null
  villageCode: string
  movedInOn: string
  openedAt: string
  closedAt: string | null
  outcome: string | null
  note: string | null
}

export interface MatchingTaskDetail {
  task: MatchingTask
  workingMembers: { member: IndustryMember; trades: string[]; employed: boolean }[]
  workshops: { id: string; name: string; villageCode: string; workshopSite: string | null; siteName: string | null; nearness: number; workers: number }[]
}

export interface Candidate { member: IndustryMember; townshipCode: string; villageCode: string; trades: string[]; lastCompletedOn: string }

/** 产业就业帮扶档案: everything the pillar holds on one household. */
export interface IndustryFile {
  household: IndustryHousehold
  members: IndustryMember[]
  covered: boolean
  liftedByIndustry: boolean
  links: Link[]
  income: Income[]
  employment: Employment[]
  workList: WorkListEntry[]
}
