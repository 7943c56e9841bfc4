import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import '@fontsource/noto-sans-sc/400.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { loadSession } from './session'
import { readyDashboardPanels } from './modules'

// Who is signed in, asked now: the answer is on its way while the app's code starts, and the first page's guard takes it.
const user = loadSession()
// The dashboard is the home page: opened on it, its panels' code and figures are asked for before the page is built.
if (location.pathname === '/' || location.pathname === '/dashboard') readyDashboardPanels(user)
createApp(App).use(router).mount('#app')
