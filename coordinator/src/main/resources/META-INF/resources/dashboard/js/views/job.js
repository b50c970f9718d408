// One job, live: its progress and transfers follow the job's event stream; the throughput chart plots
// each destination agent's pull rate as sampled while this page is open.
import { ThroughputChart } from '../chart.js';
import { agentOf, bytes, duration, h, progressBar, rate, replace, stateBadge, time } from '../dom.js';
import { showError } from '../errors.js';

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];
const SAMPLE_MS = 2000;
const RECONNECT_MS = 3000;
const STEER = ['meshlift-operator', 'meshlift-admin'];
const AUDIT = ['meshlift-auditor', 'meshlift-admin'];
/** Which steering action each state allows (the API answers 409 to the others). */
const ACTIONS = {
  RUNNING: ['pause', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  PENDING: ['cancel'],
  FAILED: ['retry'],
  CANCELLED: ['retry'],
};

export function jobView(root, { api, session, params: [jobId] }) {
  const summary = h('div', { className: 'summary', id: 'job-summary' });
  const actions = h('div', { className: 'toolbar', id: 'job-actions' });
  const transfers = h('tbody', { id: 'transfers-rows' });
  const canvas = h('canvas', { id: 'throughput', 'aria-label': 'throughput per agent' });
  const legend = h('ul', { className: 'legend', id: 'throughput-legend' });
  const live = h('span', { className: 'muted', id: 'live' }, 'connecting…');
  replace(root,
    h('h1', {}, 'Job ', h('span', { id: 'job-id' }, jobId), ' ', live),
    summary,
    actions,
    h('h2', {}, 'Throughput per destination agent'),
    h('div', { className: 'chart' }, canvas, legend),
    h('h2', {}, 'Transfers'),
    h('table', { id: 'transfers' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Dataset'), h('th', {}, 'Source'), h('th', {}, 'Destination'), h('th', {}, 'State'),
        h('th', {}, 'Progress'), h('th', { className: 'num' }, 'Files'), h('th', { className: 'num' }, 'Bytes'),
        h('th', { className: 'num' }, 'Rate'), h('th', { className: 'num' }, 'ETA'), h('th', { className: 'num' }, 'Attempts'),
        h('th', {}, 'Digests'), h('th', {}, 'Last error'))),
      transfers));
  const chart = new ThroughputChart(canvas, legend);
  const controller = new AbortController();
  let job = null;
  let sampler;

  const render = () => {
    replace(summary, ...figures(job));
    replace(actions, ...buttons(job));
    replace(transfers, job.transfers.map(transferRow));
  };

  const buttons = (current) => {
    const list = [];
    if (session.hasAnyRole(...AUDIT)) list.push(h('a', { href: `#/jobs/${jobId}/audit`, id: 'open-audit' }, 'Audit of this job'));
    // Hidden when the role cannot steer jobs; the API refuses such calls anyway (403).
    if (session.hasAnyRole(...STEER)) {
      for (const action of ACTIONS[current.state] ?? []) {
        list.push(h('button', { type: 'button', id: `job-${action}`, onclick: () => steer(action) }, action[0].toUpperCase() + action.slice(1)));
      }
    }
    return list;
  };

  const steer = async (action) => {
    try {
      job = await api.post(`/jobs/${jobId}/${action}`);
      render();
      if (!TERMINAL.includes(job.state)) follow();
    } catch (e) {
      showError(e);
    }
  };

  const sample = () => {
    if (!job) return;
    const rates = {};
    for (const t of job.transfers) {
      const agent = agentOf(t.destination);
      rates[agent] = (rates[agent] ?? 0) + (t.rateBytesPerSecond ?? 0);
    }
    chart.add(Date.now(), rates);
  };

  let following = false;
  const follow = async () => {
    if (following) return;
    following = true;
    while (!controller.signal.aborted) {
      try {
        for await (const event of api.events(`/jobs/${jobId}/events`, controller.signal)) {
          job = event;
          replace(live, TERMINAL.includes(job.state) ? 'finished' : 'live');
          render();
          sample();
        }
        if (job && TERMINAL.includes(job.state)) break;
      } catch (e) {
        if (controller.signal.aborted) break;
        showError(e);
        if (e.status === 404 || e.status === 403) break;
      }
      replace(live, 'reconnecting…');
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
    following = false;
  };
  follow();
  sampler = setInterval(() => {
    if (job && !TERMINAL.includes(job.state)) sample();
  }, SAMPLE_MS);
  return () => {
    controller.abort();
    clearInterval(sampler);
  };
}

function figures(job) {
  const p = job.progress;
  const figure = (label, value, id) => h('div', { id }, h('span', {}, label), value);
  return [
    figure('State', stateBadge(job.state), 'job-state'),
    figure('Progress', progressBar(p.bytesDone, p.bytesTotal), 'job-progress'),
    figure('Bytes', `${bytes(p.bytesDone)} / ${bytes(p.bytesTotal)}`),
    figure('Files', `${p.filesDone} / ${p.filesTotal}`),
    figure('Transfers done', `${p.transfersDone} / ${p.transfers}`),
    figure('Rate', rate(p.rateBytesPerSecond)),
    figure('ETA', duration(p.etaSeconds)),
    figure('Pass', job.pass),
    figure('Started', time(job.startedAt)),
    figure('Finished', time(job.finishedAt)),
  ];
}

function transferRow(t) {
  const digests = !t.sourceDigest ? '—'
    : t.sourceDigest === t.destinationDigest ? h('span', { className: 'state state-MATCH', title: t.sourceDigest }, 'match')
    : t.destinationDigest ? h('span', { className: 'state state-MISMATCH', title: `${t.sourceDigest} ≠ ${t.destinationDigest}` }, 'mismatch')
    : h('span', { className: 'muted', title: t.sourceDigest }, 'pending');
  return h('tr', { 'data-transfer': t.id, 'data-state': t.state },
    h('td', {}, t.dataset),
    h('td', {}, t.source),
    h('td', {}, t.destination),
    h('td', {}, stateBadge(t.state)),
    h('td', {}, progressBar(t.bytesDone, t.bytesTotal)),
    h('td', { className: 'num' }, `${t.filesDone} / ${t.filesTotal}`),
    h('td', { className: 'num' }, `${bytes(t.bytesDone)} / ${bytes(t.bytesTotal)}`),
    h('td', { className: 'num' }, rate(t.rateBytesPerSecond)),
    h('td', { className: 'num' }, duration(t.etaSeconds)),
    h('td', { className: 'num' }, t.attempts),
    h('td', {}, digests),
    h('td', { title: t.lastError ?? '' }, t.lastError ? t.lastError.slice(0, 80) : ''));
}
