// A job's audit: per transfer the digest verdict and file counts, per file both digests, with a status
// filter and exports (JSON lines, CSV, and sha256sum per transfer) downloaded with the token.
import { bytes, h, replace, shortId, stateBadge, time } from '../dom.js';
import { showError } from '../errors.js';

const PAGE = 200;
const FILTERS = { all: '', mismatch: 'mismatch', missing: 'missing' };

export function auditView(root, { api, params: [jobId], query }) {
  let status = FILTERS[query.get('status')] !== undefined ? query.get('status') : 'all';
  const select = h('select', { id: 'audit-status', 'aria-label': 'status filter', onchange: () => setStatus(select.value) },
    Object.keys(FILTERS).map((key) => h('option', { value: key, selected: key === status }, key)));
  const transfers = h('tbody', { id: 'audit-transfers-rows' });
  const files = h('tbody', { id: 'audit-rows' });
  const count = h('span', { className: 'muted', id: 'audit-count' });
  const more = h('button', { type: 'button', id: 'audit-more', hidden: true, onclick: () => load(nextAfter) }, 'Load more');
  const downloaded = h('span', { className: 'muted', id: 'export-status' });
  replace(root,
    h('h1', {}, 'Audit of job ', h('a', { href: `#/jobs/${jobId}` }, shortId(jobId))),
    h('h2', {}, 'Transfers'),
    h('table', { id: 'audit-transfers' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Dataset'), h('th', {}, 'Destination'), h('th', {}, 'State'), h('th', {}, 'Dataset digests'),
        h('th', { className: 'num' }, 'Files'), h('th', { className: 'num' }, 'Match'), h('th', { className: 'num' }, 'Mismatch'),
        h('th', { className: 'num' }, 'Missing'), h('th', { className: 'num' }, 'Unrecorded'), h('th', {}, 'Export'))),
      transfers),
    h('h2', {}, 'Files'),
    h('div', { className: 'toolbar' },
      h('label', {}, 'Status ', select),
      count,
      h('button', { type: 'button', id: 'export-json', onclick: () => exportAs('json') }, 'Export JSON'),
      h('button', { type: 'button', id: 'export-csv', onclick: () => exportAs('csv') }, 'Export CSV'),
      downloaded),
    h('table', { id: 'audit-files' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Path'), h('th', {}, 'Dataset'), h('th', {}, 'Destination'), h('th', { className: 'num' }, 'Size'),
        h('th', {}, 'Source SHA-256'), h('th', {}, 'Destination SHA-256'), h('th', {}, 'Verified'), h('th', {}, 'By'),
        h('th', {}, 'Status'))),
      files),
    more);
  let nextAfter = null;
  let shown = 0;
  const controller = new AbortController();

  const statusQuery = () => (FILTERS[status] ? `&status=${FILTERS[status]}` : '');

  async function load(after) {
    try {
      const page = await api.get(`/jobs/${jobId}/audit?limit=${PAGE}${statusQuery()}${after ? `&after=${encodeURIComponent(after)}` : ''}`, controller.signal);
      if (!after) {
        replace(transfers, page.transfers.map((t) => transferRow(t, exportSha256sum)));
        replace(files);
        shown = 0;
      }
      files.append(...page.files.map(fileRow));
      shown += page.files.length;
      if (!shown) replace(files, h('tr', { className: 'empty' }, h('td', { colSpan: 9, className: 'muted' }, `No ${status === 'all' ? '' : status + ' '}files.`)));
      nextAfter = page.nextAfter;
      more.hidden = !nextAfter;
      replace(count, `${shown} file(s) shown${nextAfter ? ', more available' : ''}`);
      showError(null);
    } catch (e) {
      if (!controller.signal.aborted) showError(e);
    }
  }

  function setStatus(value) {
    status = value;
    // Keeps the filter in the address, so that it can be bookmarked; the hash change re-renders.
    location.hash = `#/jobs/${jobId}/audit${status === 'all' ? '' : `?status=${status}`}`;
  }

  async function download(path, fallback) {
    try {
      const name = await api.download(path, fallback);
      replace(downloaded, `downloaded ${name}`);
    } catch (e) {
      showError(e);
    }
  }

  function exportAs(format) {
    download(`/jobs/${jobId}/audit/export?format=${format}${statusQuery()}`, `audit-${jobId}.${format}`);
  }

  function exportSha256sum(transferId) {
    download(`/jobs/${jobId}/audit/export?format=sha256sum&transferId=${transferId}`, `audit-${jobId}-${transferId}.sha256`);
  }

  load(null);
  return () => controller.abort();
}

function transferRow(t, exportSha256sum) {
  const f = t.files;
  const verdict = t.digestsMatch === true ? stateBadge('MATCH') : t.digestsMatch === false ? stateBadge('MISMATCH') : '—';
  return h('tr', { 'data-transfer': t.transferId },
    h('td', {}, t.dataset),
    h('td', {}, t.destination),
    h('td', {}, stateBadge(t.state)),
    h('td', {}, verdict),
    h('td', { className: 'num' }, f.total),
    h('td', { className: 'num' }, f.match),
    h('td', { className: 'num' }, f.mismatch),
    h('td', { className: 'num' }, f.missing),
    h('td', { className: 'num' }, f.unrecorded),
    h('td', {}, h('button', { type: 'button', className: 'export-sha256sum', onclick: () => exportSha256sum(t.transferId) }, 'sha256sum')));
}

function fileRow(f) {
  return h('tr', { className: 'audit-file', 'data-status': f.status },
    h('td', {}, f.path),
    h('td', {}, f.dataset),
    h('td', {}, f.destination),
    h('td', { className: 'num' }, bytes(f.size)),
    h('td', { className: 'digest', title: f.sourceSha256 ?? '' }, (f.sourceSha256 ?? '—').slice(0, 16)),
    h('td', { className: 'digest', title: f.destinationSha256 ?? '' }, (f.destinationSha256 ?? '—').slice(0, 16)),
    h('td', {}, time(f.verifiedAt)),
    h('td', {}, f.verifiedBy ?? '—'),
    h('td', {}, stateBadge(f.status)));
}
