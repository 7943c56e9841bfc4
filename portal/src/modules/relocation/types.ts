// The relocation pillar's answers (services/relocation, /api/relocation), as the portal reads them.

export interface Step { on: string; by: string }

export interface RelocationCase {
  id: string
  householdId: string
  householdNumber: string
  mode: string
  siteId: string | null
  siteName: string | null
  originVillageCode: string
  destinationVillageCode: string
  villageCode: string
  step: string
  planned: Step
  housingAllocated: Step | null
  movedIn: Step | null
  oldHouseDemolished: Step | null
  housingUnit: string | null
  floorArea: number | null
  people: number | null
  reclaimedMu: number | null
  subsidy: number | null
}

export interface Site {
  id: string
  code: string
  name: string
  mode: string
  villageCode: string
  townshipCode: string
  capacityHouseholds: number
  allocatedHouseholds: number
  movedInHouseholds: number
  completedOn: string | null
  facilities: { facility: string; name: string; inPlaceOn: string }[]
  missingFacilities: string[]
  fullyEquipped: boolean
}

/** A house's owner: the ID number masked; registered (建档立卡) or not. */
export interface Owner { householdId: string | null; registered: boolean; name: string; idNumber: string; villageCode: string }

export interface Appraisal { id: string; owner: Owner; grade: string; safe: boolean; appraisedOn: string; agency: string; reportNumber: string }

export interface Renovation { id: string; owner: Owner; projectNumber: string; programme: string; method: string; startedOn: string; acceptedOn: string | null; acceptedBy: string | null }

export interface Toilet { id: string; owner: Owner; type: string; completedOn: string }

export interface MadeSafe { by: string; householdId: string | null; householdNumber: string | null; ownerName: string | null; ownerIdNumber: string | null; villageCode: string; on: string; recordId: string }

export interface WaterProject {
  id: string
  code: string
  name: string
  kind: string
  villageCode: string
  servedVillages: string[]
  servedHouseholds: number
  litresPerPersonPerDay: number
  roundTripMinutes: number
  guaranteeRatePercent: number
  completedOn: string | null
  latestTestOn: string | null
  latestTestPassed: boolean | null
  shortfalls: string[]
}

export interface WaterTest { id: string; sampledOn: string; passed: boolean; failedIndicators: string | null; laboratory: string; reportNumber: string; recordedBy: string }

export interface HouseholdGuarantee { householdId: string; householdNumber: string; villageCode: string; guarantee: string; met: boolean; reason: string; sourceRecordId: string; assessedAt: string }

/** A household's relocation, housing and water, as the pillar knows them. */
export interface HouseholdSafety {
  householdId: string
  householdNumber: string
  villageCode: string
  guarantees: HouseholdGuarantee[]
  relocation: RelocationCase | null
  appraisals: Appraisal[]
  renovations: Renovation[]
  toilets: Toilet[]
  waterSupply: WaterProject[]
}
