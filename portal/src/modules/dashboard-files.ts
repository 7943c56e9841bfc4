// The files of the dashboard's panels (each module's dashboardPanels[].component), which the built page names for
// the browser to fetch with the app's own code (vite.config.ts: preloadDashboard). A test checks every panel is here.
export const dashboardPanelFiles = [
  'src/modules/registry/dashboard/RegistryFigures.vue',
  'src/modules/education/EducationFigures.vue',
  'src/shared/components/CoveragePanel.vue',
]
