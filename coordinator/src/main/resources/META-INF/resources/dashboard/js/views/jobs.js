// Every job, newest first, with its progress; refreshed every few seconds while shown.
import { bytes, h, progressBar, rate, replace, shortId, stateBadge, time } from '../dom.js';
import { showError } from '../errors.js';

const REFRESH_MS = 2000;

export function jobsView(root, { api }) {
  const body = h('tbody', { id: 'jobs-rows' });
  replace(root,
    h('h1', {}, 'Jobs'),
    h('table', { id: 'jobs' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Job'), h('th', {}, 'Plan'), h('th', {}, 'Pass'), h('th', {}, 'State'), h('th', {}, 'Progress'),
        h('th', { className: 'num' }, 'Transfers'), h('th', { className: 'num' }, 'Files'),
        h('th', { className: 'num' }, 'Bytes'), h('th', { className: 'num' }, 'Rate'), h('th', {}, 'Created'))),
      body));
  const plans = new Map();
  let stopped = false;
  let timer;

  async function refresh() {
    try {
      if (!plans.size) {
        for (const plan of await api.get('/plans')) plans.set(plan.id, plan.name);
      }
      const jobs = await api.get('/jobs');
      if (stopped) return;
      replace(body, jobs.length ? jobs.map((job) => row(job, plans)) : h('tr', {}, h('td', { colSpan: 10, className: 'muted' }, 'No jobs yet.')));
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

function row(job, plans) {
  const p = job.progress;
  return h('tr', { 'data-job': job.id, 'data-state': job.state },
    h('td', {}, h('a', { href: `#/jobs/${job.id}`, className: 'job-link' }, shortId(job.id))),
    h('td', {}, plans.get(job.planId) ?? shortId(job.planId)),
    h('td', { className: 'num' }, job.pass),
    h('td', {}, stateBadge(job.state)),
    h('td', {}, progressBar(p.bytesDone, p.bytesTotal)),
    h('td', { className: 'num' }, `${p.transfersDone} / ${p.transfers}`),
    h('td', { className: 'num' }, `${p.filesDone} / ${p.filesTotal}`),
    h('td', { className: 'num' }, `${bytes(p.bytesDone)} / ${bytes(p.bytesTotal)}`),
    h('td', { className: 'num' }, rate(p.rateBytesPerSecond)),
    h('td', {}, time(job.createdAt)));
}
