// Assessment cards on index pages say which assessments the reader has answers for on this
// device. Storage only: no runtime, nothing sent.
import { fill, formatDate } from "./format.js";

export function mountCard(card, { storage, config }) {
  const note = card.querySelector("[data-km-taken]");
  const versions = storage.versions(card.dataset.kmCard);
  if (!note || !versions.length) return;
  const latest = versions.sort((a, b) => b.version - a.version)[0];
  const stored = storage.readJSON(latest.key);
  const updated = stored.found && !stored.damaged ? stored.data?.updated : null;
  note.textContent = fill(note.dataset.template, { date: formatDate(updated, config.lang) || "–" });
  note.hidden = false;
  card.dataset.kmTaken = "yes";
}
