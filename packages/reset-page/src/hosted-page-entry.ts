// The script of our hosted page (`GET /reset`): mounts the flow on the page's <main> and makes
// the document speak the chosen language.
import { mountResetPage } from './mount-reset-page.js';

const root = document.getElementById('reset-page');
if (root) {
  const page = await mountResetPage(root);
  document.documentElement.lang = page.locale;
  document.title = page.messages.documentTitle;
}
