// Scoring ahead: once every item is answered and the runtime is ready, the worker scores the
// answers on screen while the reader moves to the button, so a submit of those same answers
// finds its result made and only shows it. Nothing here is shown or stored: the submit shows
// and stores the result, as it does one it asked for itself. One scoring at a time; answers
// changed while one runs are scored after it (only the latest).
export class ScoreAhead {
  constructor(runtime, specText) {
    this.runtime = runtime;
    this.specText = specText;
    this.done = null; // { answers (the JSON text scored), result (a promise of its result) }
    this.running = false;
    this.next = null;
  }

  // `answers`: the JSON text a submit would send.
  offer(answers) {
    if (this.runtime.state !== "ready" || this.done?.answers === answers) return;
    if (this.running) {
      this.next = answers;
      return;
    }
    this.running = true;
    const result = this.runtime.score(this.specText, answers);
    this.done = { answers, result };
    result.catch(() => {}).finally(() => {
      this.running = false;
      const next = this.next;
      this.next = null;
      if (next !== null) this.offer(next);
    });
  }

  // A promise of the result of `answers`: the one scored ahead when they are the same (if it
  // failed, they are scored again now), else a new scoring.
  result(answers) {
    const score = () => this.runtime.score(this.specText, answers);
    if (this.done?.answers !== answers) return score();
    return this.done.result.catch(score);
  }
}
