// The shapes of the services' answers the portal reads (JSON, camelCase, codes in kebab-case).

export interface Page<T> { items: T[]; pageNumber: number; pageSize: number; total: number }

export interface HouseholdListItem {
  id: string
  householdNumber: string
  townshipName: string
  villageCode: string
  villageName: string
  status: string
  mainCause: string
  headName: string | null
  headIdNumber: string | null
  size: number
}

export interface MemberDetail {
  id: string
  idNumber: string
  name: string
  sex: string
  /** The birth year only: the date is a third of the ID number (decision 0008). */
  birthYear: number
  relation: string
  health: string
  disabilityGrade: number | null
  labourAbility: string
  schoolingStatus: string
  ethnicity: string | null
  removedAt: string | null
  removalReason: string | null
}

export interface GuaranteeDetail { guarantee: string; met: boolean; reason: string; source: string; sourceRecordId: string; assessedAt: string }

export interface HouseholdDetail {
  id: string
  householdNumber: string
  townshipCode: string
  townshipName: string
  villageCode: string
  villageName: string
  status: string
  mainCause: string
  otherCauses: string[]
  phone: string | null
  registeredYear: number
  exitYear: number | null
  members: MemberDetail[]
  guarantees: GuaranteeDetail[]
}

export interface MemberIdentity { memberId: string; name: string; idNumber: string; householdPhone: string | null }

export interface CountyFigures {
  townships: number
  villages: number
  poorVillages: number
  ruralPopulation: number
  households: number
  people: number
  poorHouseholds: number
  poorPeople: number
  exitedHouseholds: number
  exitedPeople: number
  monitoredHouseholds: number
  monitoredPeople: number
}

export interface RateWithDrillDown {
  value: number
  numerator: number
  denominator: number
  limit: number
  passes: boolean
  numeratorHref: string | null
  denominatorHref: string | null
}

export interface ExitFigures {
  exitedHouseholds: number
  exitedPeople: number
  exitedHref: string
  exitsByYear: { year: number; households: number; people: number; href: string }[]
  remainingPoorHouseholds: number
  remainingPoorPeople: number
  remainingPoorHref: string
  ruralPopulation: number
  poorVillages: number
  exitedPoorVillages: number
  villagesHref: string
  countyExit: {
    inspectionId: string | null
    inspectionName: string | null
    comprehensiveIncidence: RateWithDrillDown
    wrongExitRate: RateWithDrillDown
    missedRate: RateWithDrillDown
    recognition: RateWithDrillDown
    passes: boolean
  }
  monitoring: { category: string; households: number; href: string }[]
  monitoredHouseholds: number
  helpers: { workTeams: number; stationedCadres: number; firstSecretaries: number; pairedCadres: number; pairedOthers: number; pairedHouseholds: number }
  farmersIncome: { year: number; perCapitaDisposableIncome: number; averageGrowthFiveYears: number | null; source: string } | null
}

/** GET /api/households/statistics/income: the registered households' income of each year by kind, within the scope. */
export interface IncomeYear {
  year: number
  households: number
  netIncome: number
  byKind: { kind: string; amount: number; households: number; href: string }[]
}

export interface VillageIncidence {
  code: string
  name: string
  townshipCode: string
  townshipName: string
  isPoorVillage: boolean
  exitYear: number | null
  ruralPopulation: number
  poorPeople: number
  povertyIncidence: number
  poorHouseholdsHref: string
}

export interface ExitVerdict {
  year: number
  householdSize: number
  stableNetIncome: number
  stablePerCapitaIncome: number
  povertyLine: number | null
  incomeAboveLine: boolean
  incomeShortfall: number
  guarantees: { guarantee: string; status: string; owner: string; source: string | null; sourceRecordId: string | null; reason: string | null; assessedAt: string | null }[]
  failures: string[]
  eligible: boolean
}

export interface IncomeSummary { year: number; householdSize: number; wage: number; business: number; property: number; transfer: number; productionCost: number; netIncome: number; perCapitaNetIncome: number }

export interface HouseholdIncome {
  householdId: string
  year: number
  total: IncomeSummary
  stable: IncomeSummary
  totalPerCapita: number
  stablePerCapita: number
  records: { id: string; kind: string; amount: number; countsTowardExit: boolean; source: string; sourceRecordId: string; description: string | null; recordedAt: string }[]
}

export interface ExitStepDto { step: string; householdId: string | null; on: string; by: string; recordedAt: string; note: string | null; verdict: ExitVerdict | null }
export interface ExitObjection { id: string; raisedOn: string; raisedBy: string; content: string; resolvedOn: string | null; upheld: boolean | null; resolution: string | null }
export interface ExitCase { householdId: string; householdNumber: string; headName: string | null; state: string; people: number; returnReason: string | null; objections: ExitObjection[] }
export interface ExitBatchSummary {
  id: string
  villageCode: string
  villageName: string
  year: number
  name: string
  cases: number
  active: number
  exited: number
  returned: number
  reviewedOn: string | null
  noticeFrom: string | null
  noticeUntil: string | null
  announcedOn: string | null
  exitedOn: string | null
}
export interface ExitBatchDetail { batch: ExitBatchSummary; cases: ExitCase[]; steps: ExitStepDto[] }

export interface ExitHistory {
  householdId: string
  exitYear: number | null
  firstExitYear: number | null
  cases: { batchId: string; batchName: string; year: number; state: string; returnReason: string | null; steps: ExitStepDto[] }[]
  statusChanges: { from: string; to: string; reason: string; changedBy: string; changedAt: string }[]
}

export interface FlagListItem {
  id: string
  householdId: string
  householdNumber: string
  villageCode: string
  villageName: string
  householdStatus: string
  category: string
  trigger: string
  reason: string
  raisedOn: string
  stableSince: string | null
  causeResolved: boolean
  removedOn: string | null
}

export interface FlagDetail {
  flag: FlagListItem
  raisedBy: string
  removedBy: string | null
  removalReason: string | null
  reviews: { on: string; by: string; perCapitaIncome: number; monitoringLine: number; aboveLine: boolean; causeResolved: boolean; note: string | null }[]
  signals: { trigger: string; source: string | null; sourceRecordId: string | null; expenseKind: string | null; amount: number | null; aboveThreshold: boolean; on: string; description: string }[]
  measures: { id: string; flagId: string | null; category: string; description: string; startedOn: string; by: string }[]
}

export interface AuditEntry {
  id: number
  at: string
  service: string
  subject: string
  role: string
  clientId: string
  action: string
  resource: string
  resourceId: string | null
  outcomeStatus: number
  outcome: string
  sourceAddress: string
  traceId: string
  detail: string | null
}

/** A township's households and people by status (GET /api/households/figures/townships). */
export interface TownshipFigures {
  code: string
  name: string
  households: number
  people: number
  poorHouseholds: number
  poorPeople: number
  exitedHouseholds: number
  exitedPeople: number
  monitoredHouseholds: number
  exitedHref: string
  poorHref: string
}
