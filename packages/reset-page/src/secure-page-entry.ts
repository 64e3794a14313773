// The script of our "this wasn't me" page (`GET /secure`): mounts it on the page's <main> and makes
// the document speak the chosen language.
import { mountSecurePage } from './mount-secure-page.js';

const root = document.getElementById('secure-page');
if (root) {
  const page = await mountSecurePage(root);
  document.documentElement.lang = page.locale;
  document.title = page.messages.documentTitle;
}
