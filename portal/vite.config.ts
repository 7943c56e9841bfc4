import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { dashboardPanelFiles } from './src/modules/dashboard-files'

// The bundled Chinese font lists a .woff fallback beside each .woff2 subset; every browser the county
// uses reads woff2, so only those are shipped (half the font files in dist).
function woff2Only(): Plugin {
  return {
    name: 'portal-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@fontsource/') || !id.endsWith('.css')) return null
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null }
    },
  }
}

// The dashboard is the home page: the page names its panels' code, the chart library and their styles, so the
// browser fetches them beside the app's own code instead of after the app has started, when the figures' ten
// requests take the browser's six connections. A page opened by another address fetches them too (cached for a year).
function preloadDashboard(panels: string[]): Plugin {
  return {
    name: 'portal-preload-dashboard',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        const files = new Set<string>()
        const add = (fileName: string) => {
          const chunk = bundle[fileName]
          if (files.has(fileName) || chunk?.type !== 'chunk') return
          files.add(fileName)
          chunk.imports.forEach(add)
          for (const css of chunk.viteMetadata?.importedCss ?? []) files.add(css)
        }
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.facadeModuleId && panels.some((p) => chunk.facadeModuleId!.endsWith(p))) add(chunk.fileName)
        }
        if (files.size === 0) throw new Error('preloadDashboard: no chunk of the dashboard panels found')
        return [...files]
          .filter((f) => !html.includes(`/${f}"`))
          .map((f) => ({
            tag: 'link',
            // Low priority: the app's own code (high) is fetched first and starts the session's request sooner.
            attrs: f.endsWith('.css')
              ? { rel: 'preload', as: 'style', crossorigin: true, fetchpriority: 'low', href: `/${f}` }
              : { rel: 'modulepreload', crossorigin: true, fetchpriority: 'low', href: `/${f}` },
            injectTo: 'head' as const,
          }))
      },
    },
  }
}

// The gateway serves dist/ (Portal:Root); `npm run dev` proxies the API to a running gateway.
export default defineConfig({
  plugins: [
    vue(),
    woff2Only(),
    preloadDashboard(dashboardPanelFiles),
    // Element Plus components are imported where templates use them (its CSS is imported once in main.ts).
    Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/portal': 'http://localhost:8080',
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
  },
} as any)
