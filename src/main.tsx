import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import App from './app/App.tsx';
import './app/app.css';
import { registerServiceWorker } from './pwa/register.ts';

// The page's Content-Security-Policy forbids eval; zod must not try its compiled fast path.
z.config({ jitless: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker();
