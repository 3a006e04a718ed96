// The console's entry: Vue 3 and the router. Element Plus components are imported where they are used (see
// vite.config.ts); its base styles are loaded here and its Chinese locale is provided by App.vue.
import { createApp } from 'vue'
import 'element-plus/theme-chalk/base.css'
import App from './App.vue'
import router from './router'

createApp(App).use(router).mount('#app')
