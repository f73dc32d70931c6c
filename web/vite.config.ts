import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server the dev server forwards to; override with FAZHI_API=http://localhost:3200. */
const api = process.env.FAZHI_API ?? 'http://localhost:3000';
const proxied = { target: api, changeOrigin: false };

const inPackages = (packages: string[]) => new RegExp(`node_modules[\\\\/](${packages.join('|')})[\\\\/]`);

const REACT = ['react', 'react-dom', 'scheduler', 'react-router', 'cookie', 'set-cookie-parser'];
const ANTD = [
  'antd',
  '@ant-design[\\\\/](?!icons)[\\w-]+',
  '@rc-component',
  'dayjs',
  '@emotion',
  'clsx',
  'stylis',
];
const ECHARTS = ['echarts', 'zrender', 'echarts-for-react', 'size-sensor', 'tslib'];

/**
 * Vendor chunks: React (with the router), Ant Design and ECharts (loaded only with the dashboard).
 * Ant Design is split in two: what the entry needs (ConfigProvider, App, Spin, Result…), which the public
 * portal also loads, and the rest, which only admin pages load. A group also takes in the dependencies of
 * its modules, so the groups are ordered (priority) React, Ant Design, ECharts: ECharts must not capture
 * React through echarts-for-react. Icons are left to automatic splitting (each page gets the few it uses).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': proxied, '/openapi.json': proxied, '/docs': proxied },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: inPackages(REACT), priority: 40 },
            { name: 'antd-base', test: inPackages(ANTD), tags: ['$initial'], priority: 30 },
            { name: 'antd', test: inPackages(ANTD), priority: 20 },
            { name: 'echarts', test: inPackages(ECHARTS), priority: 10 },
          ],
        },
      },
    },
  },
});
