import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  manifest: {
    name: 'Steady',
    description: 'Coaching for customer-support replies, right inside your helpdesk. Private: nothing leaves your browser.',
    permissions: ['storage', 'sidePanel'],
  },
  vite: () => ({ plugins: [preact()] }),
});
