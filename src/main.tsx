import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApp } from './store';
import { App } from './ui/App';
import './ui/app.css';
import './ui/plots.css';
import './ui/controls/controls.css';

startApp();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
