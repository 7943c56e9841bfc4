import { api } from '@/api/http'

export interface EducationFigures {
  term: string
  students: { total: number; enrolled: number; byStage: Record<string, number> }
  dropoutCases: { open: number; closed: number }
  aidCoverage: { policy: string; name: string; entitled: number; covered: number; percent: number; goal: number }[]
  training: { courses: number; enrolments: number; personTimes: number }
  kindergartens: number
  careCentres: number
}

export const educationFiguresKey = 'education-figures'

export function loadEducationFigures() {
  return api.get<EducationFigures>('/api/education/figures')
}
