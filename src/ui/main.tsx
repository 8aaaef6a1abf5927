import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/500.css';
import '@fontsource/sarabun/700.css';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './i18n/index.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { installDialogFocusReturn } from './focus-return.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
installDialogFocusReturn(document);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
