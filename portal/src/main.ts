import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import '@fontsource/noto-sans-sc/400.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { loadSession } from './session'

// Who is signed in, asked now: the answer is on its way while the app's code starts, and the first page's guard takes it.
void loadSession()
createApp(App).use(router).mount('#app')
