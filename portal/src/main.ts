import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import '@fontsource/noto-sans-sc/400.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'

createApp(App).use(router).mount('#app')
