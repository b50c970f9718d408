// A small time-series line chart on <canvas>: throughput per agent, drawn by this code (no library, nothing
// fetched from elsewhere). Samples are what the page saw while it was open.

const COLORS = ['#1f6feb', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#0a7ea4', '#bf3989', '#57606a'];
const WINDOW_MS = 5 * 60 * 1000;

export class ThroughputChart {
  #canvas;
  #legend;
  #series = new Map();

  constructor(canvas, legend) {
    this.#canvas = canvas;
    this.#legend = legend;
  }

  /** @param rates agent id -> bytes per second at time {@code at} (ms) */
  add(at, rates) {
    for (const agent of new Set([...this.#series.keys(), ...Object.keys(rates)])) {
      if (!this.#series.has(agent)) this.#series.set(agent, []);
      const points = this.#series.get(agent);
      points.push({ at, value: rates[agent] ?? 0 });
      while (points.length > 2 && points[0].at < at - WINDOW_MS) points.shift();
    }
    this.draw();
  }

  get agents() {
    return [...this.#series.keys()];
  }

  get sampleCount() {
    return Math.max(0, ...[...this.#series.values()].map((p) => p.length));
  }

  draw() {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 220;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, height);
    const pad = { left: 78, right: 12, top: 10, bottom: 24 };
    const all = [...this.#series.values()].flat();
    const now = all.length ? Math.max(...all.map((p) => p.at)) : Date.now();
    const start = all.length ? Math.min(...all.map((p) => p.at)) : now - 60_000;
    const span = Math.max(now - start, 10_000);
    const max = Math.max(1, ...all.map((p) => p.value)) * 1.1;
    const x = (at) => pad.left + ((at - (now - span)) / span) * (width - pad.left - pad.right);
    const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);

    g.strokeStyle = '#d9dee4';
    g.fillStyle = '#66707c';
    g.font = '11px system-ui, sans-serif';
    for (let i = 0; i <= 4; i++) {
      const value = (max / 4) * i;
      g.beginPath();
      g.moveTo(pad.left, y(value));
      g.lineTo(width - pad.right, y(value));
      g.stroke();
      g.fillText(`${(value / 1048576).toFixed(1)} MiB/s`, 4, y(value) + 4);
    }
    g.fillText(`${Math.round(span / 1000)} s`, pad.left, height - 6);
    g.fillText('now', width - pad.right - 22, height - 6);

    const items = [];
    [...this.#series.entries()].forEach(([agent, points], i) => {
      const color = COLORS[i % COLORS.length];
      g.strokeStyle = color;
      g.lineWidth = 2;
      g.beginPath();
      points.forEach((p, j) => (j ? g.lineTo(x(p.at), y(p.value)) : g.moveTo(x(p.at), y(p.value))));
      if (points.length === 1) g.arc(x(points[0].at), y(points[0].value), 2, 0, 2 * Math.PI);
      g.stroke();
      const swatch = document.createElement('i');
      swatch.style.backgroundColor = color;
      const item = document.createElement('li');
      item.dataset.agent = agent;
      item.append(swatch, document.createTextNode(agent));
      items.push(item);
    });
    this.#legend.replaceChildren(...items);
  }
}
