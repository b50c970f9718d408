// Builds DOM nodes from data without ever parsing data as HTML: text goes through text nodes only, so a
// file name or an error message cannot inject markup or script.

/** h('td', {className: 'num'}, 'text', childNode, ...) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('data-') || key === 'role' || key.startsWith('aria-')) el.setAttribute(key, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el[key] = value;
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

export function stateBadge(state) {
  return h('span', { className: `state state-${state}` }, state ?? '—');
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  let value = Number(n);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

export function rate(bytesPerSecond) {
  return bytesPerSecond ? `${bytes(bytesPerSecond)}/s` : '—';
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function shortId(id) {
  return id ? id.slice(0, 8) : '—';
}

/** A progress bar with its percentage as text for screen readers and tests. */
export function progressBar(done, total) {
  const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
  return h('progress', { max: 100, value: percent, title: `${percent}%`, 'aria-label': `${percent}%` });
}

/** The agent of an {@code agent:volume:path} address. */
export function agentOf(address) {
  return address ? address.split(':')[0] : '';
}
