// Starts a surface: theme first (so the first paint has the right colours) and the user's locale
// for dates (locale.ts), then React, inside the licence gate (licence.tsx).
import '@atlaskit/css-reset';
import './links.css';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { checkContextLicence, LicenceGate } from './licence';
import { loadContextLocale } from './locale';
import { enableTheme } from './theme';

export async function mount(app: ReactElement): Promise<void> {
  await Promise.all([enableTheme(), checkContextLicence(), loadContextLocale()]);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <LicenceGate>{app}</LicenceGate>
    </StrictMode>,
  );
}
