// The coordinator's REST API with the signed-in person's bearer token. Errors carry the problem+json
// detail the API answered, so the page can say what went wrong.

export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail || problem?.title || `HTTP ${status} on ${path}`);
    this.status = status;
    this.problem = problem;
  }
}

export class Api {
  #session;
  #base;

  constructor(session, base = '/api/v1') {
    this.#session = session;
    this.#base = base;
  }

  async get(path, signal) {
    return (await this.#fetch(path, { signal })).json();
  }

  async post(path) {
    return (await this.#fetch(path, { method: 'POST' })).json();
  }

  /**
   * Server-sent events read with fetch() (EventSource cannot send an Authorization header): yields the
   * JSON of every {@code data:} event until the server ends the stream or {@code signal} aborts it.
   */
  async *events(path, signal) {
    const response = await this.#fetch(path, { signal, headers: { Accept: 'text/event-stream' } });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart());
        if (data.length) yield JSON.parse(data.join('\n'));
      }
    }
  }

  /** Downloads an export: fetched with the token, handed to the browser as a Blob under the server's file name. */
  async download(path, fallbackName) {
    // The export answers JSON lines, CSV or text, never application/json: ask for whatever it sends.
    const response = await this.#fetch(path, { headers: { Accept: '*/*' } });
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return name;
  }

  async #fetch(path, init = {}) {
    const headers = { Accept: 'application/json', ...init.headers, Authorization: `Bearer ${this.#session.accessToken}` };
    const response = await fetch(this.#base + path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      throw new ApiError(response.status, problem, path);
    }
    return response;
  }
}
