// The welfare pillar's answers (services/welfare, /api/welfare), as the portal reads them.

/** A member: the ID number masked, the birth year only. */
export interface WelfareMember {
  id: string
  householdId: string
  name: string
  idNumber: string
  sex: string
  birthYear: number
  relation: string
  health: string | null
  disabilityGrade: number | null
  labourAbility: string | null
  villageCode: string
  current: boolean
}

export interface AssistanceEnrolment {
  id: string
  householdId: string
  householdNumber: string
  villageCode: string
  category: string
  categoryName: string
  people: number
  monthlyAmount: number
  year: number
  perCapitaIncome: number
  startMonth: string
  endedOn: string | null
  endReason: string | null
  enrolledBy: string
  enrolledAt: string
}

export interface AssistancePayment { id: string; enrolmentId: string; householdId: string; category: string; month: string; amount: number; paidBy: string; paidAt: string }

export interface Qualifying { householdId: string; householdNumber: string; villageCode: string; people: number; annualIncome: number; perCapitaIncome: number; category: string; categoryName: string; enrolled: boolean }

export interface Claim {
  id: string
  memberId: string
  householdId: string
  patientName: string
  idNumber: string
  villageCode: string
  settlementNumber: string | null
  kind: string
  inCounty: boolean
  hospital: string
  diagnosis: string | null
  admittedOn: string
  dischargedOn: string
  totalCost: number
  withinPolicyCost: number
  layers: { layer: string; name: string; amount: number }[]
  reimbursed: number
  outOfPocket: number
  withinPolicyOutOfPocket: number
  withinPolicyRatio: number
  aidClass: string
  healthPolicyApplies: boolean
  largeExpenseReported: boolean
  recordedBy: string | null
  recordedAt: string | null
}

export interface MedicalGuarantee { householdId: string; householdNumber: string; villageCode: string; year: number; members: number; covered: number; met: boolean; reason: string; assessedAt: string }

export interface Certificate {
  id: string
  householdId: string
  patientName: string
  idNumber: string
  villageCode: string
  disease: string
  serious: boolean
  certificateNumber: string | null
  issuer: string
  issuedOn: string
  revokedOn: string | null
  revokeReason: string | null
  deliveries: { id: string; deliveredOn: string; drugs: string; deliveredBy: string }[]
}

export interface Delivery { id: string; certificateId: string; villageCode: string; deliveredOn: string; drugs: string; deliveredBy: string }

export interface Disability { id: string; householdId: string; name: string; idNumber: string; villageCode: string; kind: string | null; kindName: string | null; grade: number | null; assessedOn: string; assessor: string }

export interface Payout { id: string; householdId: string; householdNumber: string; villageCode: string; memberId: string | null; cause: string; amount: number; incurredOn: string; claimNumber: string | null; paidAt: string }

export interface MeansTest { year: number; people: number; annualIncome: number; perCapitaIncome: number; qualifies: boolean; category: string | null; standard: number; monthlyAmount: number; reason: string }

/** 社会保障兜底一户一档. */
export interface HouseholdWelfare {
  householdId: string
  householdNumber: string
  villageCode: string
  status: string
  aidClass: string
  year: number
  members: { member: WelfareMember; insured: boolean; criticalIllness: boolean; activeCertificates: number; disabilityGrade: number | null }[]
  medicalGuarantee: MedicalGuarantee | null
  assistance: AssistanceEnrolment | null
  meansTest: MeansTest
  protectionCovered: boolean
  claims: number
  reimbursed: number
  outOfPocket: number
}
