// Agents as registered over the control channel: state, last heartbeat, volumes, transfers.
import { bytes, h, replace, stateBadge, time } from '../dom.js';
import { showError } from '../errors.js';

const REFRESH_MS = 5000;

export function agentsView(root, { api }) {
  const body = h('tbody', { id: 'agents-rows' });
  replace(root,
    h('h1', {}, 'Agents'),
    h('table', { id: 'agents' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Agent'), h('th', {}, 'State'), h('th', {}, 'Last seen'), h('th', {}, 'Volumes (free / total)'),
        h('th', { className: 'num' }, 'Pulling'), h('th', { className: 'num' }, 'Serving'))),
      body));
  let stopped = false;
  let timer;

  async function refresh() {
    try {
      const agents = await api.get('/agents');
      if (stopped) return;
      replace(body, agents.length ? agents.map(row) : h('tr', {}, h('td', { colSpan: 6, className: 'muted' }, 'No agent has registered.')));
      showError(null);
    } catch (e) {
      showError(e);
    }
    if (!stopped) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function row(agent) {
  return h('tr', { 'data-agent': agent.id, 'data-state': agent.state },
    h('td', {}, agent.id),
    h('td', {}, stateBadge(agent.state)),
    h('td', {}, time(agent.lastSeen)),
    h('td', {}, (agent.volumes ?? []).map((v) => `${v.name}: ${bytes(v.freeBytes)} / ${bytes(v.totalBytes)}`).join(', ') || '—'),
    h('td', { className: 'num' }, agent.activeTransfers),
    h('td', { className: 'num' }, agent.servingTransfers));
}
