// Start-up: read where to sign in, sign in, then route between the views by the URL's hash (so the
// token in memory survives navigation: the page never reloads).
import { completeSignIn, startSignIn } from './auth.js';
import { Api } from './api.js';
import { h, replace } from './dom.js';
import { showError } from './errors.js';
import { jobsView } from './views/jobs.js';
import { jobView } from './views/job.js';
import { auditView } from './views/audit.js';
import { agentsView } from './views/agents.js';

const view = document.getElementById('view');
const REDIRECT_URI = `${location.origin}/dashboard/`;

const ROUTES = [
  [/^#\/jobs\/([0-9a-f-]{36})\/audit$/, auditView],
  [/^#\/jobs\/([0-9a-f-]{36})$/, jobView],
  [/^#\/agents$/, agentsView],
  [/^(#\/jobs)?$/, jobsView],
];

async function main() {
  const response = await fetch('config.json', { cache: 'no-store' });
  const config = await response.json();
  if (!response.ok) throw new Error(config.detail ?? `config.json answered ${response.status}`);
  const session = await completeSignIn(config, REDIRECT_URI);
  if (!session) {
    await startSignIn(config, REDIRECT_URI);
    return;
  }
  const api = new Api(session, config.apiBase);
  document.getElementById('nav').hidden = false;
  replace(document.getElementById('who'), `${session.username} (${session.roles.filter((r) => r.startsWith('meshlift-')).join(', ')})`);
  const signOut = document.getElementById('sign-out');
  signOut.hidden = false;
  signOut.addEventListener('click', () => session.signOut());

  let cleanup = () => {};
  const route = () => {
    cleanup();
    showError(null);
    const hash = location.hash.split('?')[0];
    for (const [pattern, render] of ROUTES) {
      const match = pattern.exec(hash);
      if (match) {
        for (const link of document.querySelectorAll('#nav a')) {
          link.classList.toggle('active', hash.startsWith(link.getAttribute('href')));
        }
        cleanup = render(view, { api, session, params: match.slice(1), query: new URLSearchParams(location.hash.split('?')[1] ?? '') }) ?? (() => {});
        return;
      }
    }
    replace(view, h('p', {}, 'No such page. ', h('a', { href: '#/jobs' }, 'Jobs')));
  };
  window.addEventListener('hashchange', route);
  route();
}

main().catch((e) => {
  replace(view);
  showError(e);
});
