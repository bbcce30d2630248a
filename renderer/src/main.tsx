import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createClient } from './api/client';
import { initI18n } from './i18n';
import { RecoveryGate } from './recovery/RecoveryGate';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';

// React Aria's pressable elements (buttons, menu triggers) would add an inline <style> for
// their touch-action, which the page's Content Security Policy (style-src 'self') refuses. The
// rule is in base.css instead; an element with the id React Aria looks for tells it so.
const pressableStyle = document.createElement('meta');
pressableStyle.id = 'react-aria-pressable-style';
document.head.append(pressableStyle);

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
const client = createClient();
await initI18n();
createRoot(container).render(
  <StrictMode>
    <RecoveryGate client={client}>
      <App client={client} />
    </RecoveryGate>
  </StrictMode>,
);
