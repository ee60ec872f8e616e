import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/ui/tokens.css';
import { App } from '@/shell/App';
import '@/styles.css';
import { startTheme } from '@/ui/theme';

// The theme and density are on <html> before anything is drawn.
startTheme();

const root = document.getElementById('root');
if (root === null) {
  throw new Error('index.html has no #root element');
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
