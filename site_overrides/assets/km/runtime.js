// The page's side of the Python worker: one worker per page (and per instant-navigation
// session), started on demand, with one error channel. Every failure — the worker script not
// loading, a runtime download failing, Python refusing the input — reaches the caller as a
// RuntimeFailure with a kind ("runtime" or "input") and, for refused input, the engine's error
// code; nothing is retried behind the reader's back.
import { INIT, PROGRESS, READY, CALL, RESULT, ERROR } from "./protocol.js";

const READY_TIMEOUT_MS = 120000; // a last resort: download failures are reported at once

export class RuntimeFailure extends Error {
  constructor(kind, message, code = null) {
    super(message);
    this.kind = kind;
    this.code = code;
  }
}

export class Runtime {
  constructor(config) {
    this.config = config;
    this.worker = null;
    this.ready = null;
    this.nextId = 1;
    this.pending = new Map();
    this.progress = { loaded: 0, total: Number(config.runtime_bytes) || 0 };
    this.listeners = new Set();
    this.state = "idle"; // idle | loading | ready | failed
  }

  // `listener(state, progress)` on every change of state or progress.
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit() {
    for (const listener of this.listeners) listener(this.state, this.progress);
    document.documentElement.dataset.kmRuntime = this.state;
  }

  absolute(url) {
    return new URL(url, document.baseURI).href;
  }

  request(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  onMessage(data) {
    if (data.type === PROGRESS) {
      this.progress = { loaded: data.loaded, total: data.total || this.progress.total };
      this.emit();
      return;
    }
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    this.pending.delete(data.id);
    if (data.type === ERROR) waiting.reject(new RuntimeFailure(data.kind || "runtime", data.message, data.code));
    else waiting.resolve(data);
  }

  // Start the worker; `preload` names the browser modules to load and warm at once.
  start(preload = ["scoring"]) {
    if (this.ready) return this.ready;
    this.state = "loading";
    this.emit();
    try {
      this.worker = new Worker(this.absolute(this.config.worker), { type: "module" });
    } catch (error) {
      this.fail(new RuntimeFailure("runtime", String(error?.message ?? error)));
      return Promise.reject(new RuntimeFailure("runtime", "worker could not start"));
    }
    this.worker.addEventListener("message", (event) => this.onMessage(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.fail(new RuntimeFailure("runtime", event.message || "worker failed"));
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new RuntimeFailure("runtime", "timeout")), READY_TIMEOUT_MS);
    });
    const init = this.request({
      type: INIT,
      indexURL: this.absolute(this.config.pyodide),
      assetsURL: this.absolute(this.config.assets),
      modules: this.config.modules,
      preload,
      total: this.progress.total,
    });
    this.ready = Promise.race([init, timeout]).then((reply) => {
      clearTimeout(timer);
      if (reply.type !== READY) throw new RuntimeFailure("runtime", `unexpected reply ${reply.type}`);
      this.state = "ready";
      this.emit();
      performance.mark("km-runtime-ready");
    });
    this.ready.catch((error) => {
      clearTimeout(timer);
      this.fail(error);
    });
    return this.ready;
  }

  fail(error) {
    const failure = error instanceof RuntimeFailure ? error : new RuntimeFailure("runtime", String(error));
    for (const waiting of this.pending.values()) waiting.reject(failure);
    this.pending.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null; // the next start tries again
    this.state = "failed";
    document.documentElement.dataset.kmRuntimeError = failure.message;
    this.emit();
  }

  // `module.name(...args)` in Python (args are strings); the JSON it returned, exactly.
  // Throws RuntimeFailure.
  async call(module, name, ...args) {
    await this.start();
    const reply = await this.request({ type: CALL, module, name, args });
    if (reply.type !== RESULT) throw new RuntimeFailure("input", `unexpected reply ${reply.type}`);
    return reply.json;
  }

  // The result JSON of an assessment, exactly as the scoring module printed it.
  score(specText, answersText) {
    return this.call("scoring", "score_form_json", specText, answersText);
  }
}
