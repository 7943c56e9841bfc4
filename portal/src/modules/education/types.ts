export interface Student {
  id: string
  householdId: string
  idNumber: string
  name: string
  sex: string
  /** The birth year and the age on 1 September, never the birth date (decision 0008). */
  birthYear: number
  schoolAge: number
  compulsoryAge: boolean
  villageCode: string
  enrolment: string
  stage: string | null
  grade: number | null
  schoolName: string | null
  rollReportedAt: string | null
  openCaseId: string | null
  leftAt: string | null
}

export interface AidGrant { id: string; policy: string; policyName: string; studentId: string; householdId: string; term: string; amount: number; countsTowardExit: boolean; note: string | null; grantedAt: string; grantedBy: string }

export interface Enrolment { id: string; courseId: string; courseName: string; trade: string; memberId: string; householdId: string; name: string; idNumber: string; villageCode: string; enrolledAt: string; completedOn: string | null; certificate: string | null }

export interface Person { name: string; position: string; phone: string | null }

export interface Visit { id: string; visitedOn: string; line: string; visitors: string; note: string; recordedBy: string; recordedAt: string }

export interface DropoutCase {
  id: string
  studentId: string
  householdId: string
  studentName: string
  idNumber: string
  sex: string
  birthYear: number
  schoolAge: number
  villageCode: string
  trigger: string
  reason: string
  administrativeOfficer: Person
  educationOfficer: Person
  openedAt: string
  openedBy: string
  outcome: string | null
  outcomeNote: string | null
  homeTeacher: string | null
  closedAt: string | null
  visits: Visit[]
}

export interface CoverageGap { studentId: string; householdId: string; name: string; idNumber: string; villageCode: string; stage: string; grade: number | null; schoolName: string | null; boarding: boolean; policy: string; policyName: string; term: string; standard: number }
