"""Site search that finds what a reader types, not only the words the handbook chose.

A reader types «pårørende»; the handbook says «nærstående». ``includes/search-synonyms.<lang>.yml``
maps the words readers type to the words the pages use::

    pårørende: [nærstående]        # a reader's word: the handbook's word(s)
    BHT: bedriftshelsetjeneste     # one word needs no list

A handbook word matches any word that *starts* with it, in any case, so «sykmeld» finds
«sykmelding», «sykmeldingen» and «sykmeldte». ``enrich_index`` adds the reader's word to every
section of the search index that uses one of its handbook words, once per use (so a section
that uses the word often ranks as if it used the reader's word as often), in a field of its own
(``synonyms``): result texts stay as written. The index is the ``search/search_index.json``
that Material for MkDocs writes (``{"config": {..., "fields": {...}}, "docs": [{"location",
"title", "text"}]}``); lunr indexes every field listed in ``config.fields``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import buildcache
from .problems import HandbookError, Problem
from .yamlnodes import compose_file, position, where

FIELD = "synonyms"
FIELD_BOOST = 1.0  # as the page text
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Synonym:
    """A word readers type (``reader``) and the handbook's words for it, with its place."""

    reader: str
    words: tuple[str, ...]
    line: int = 0
    col: int = 0

    def pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in self.words)
        return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def synonyms_file(root: Path, lang: str) -> Path:
    return root / "includes" / f"search-synonyms.{lang}.yml"


def _text(file: str, node: Node, what: str) -> tuple[str | None, list[Problem]]:
    if isinstance(node, ScalarNode) and node.tag.endswith(":str") and node.value.strip():
        return node.value.strip(), []
    if isinstance(node, ScalarNode) and node.tag.endswith(":str"):
        return None, [where(file, node, f"{what} is empty", "empty")]
    if isinstance(node, ScalarNode) and node.tag.endswith((":bool", ":null")):
        message = f"{what} must be a word; YAML reads {node.value!r} as no text: put it in quotes"
        return None, [where(file, node, message, "type")]
    return None, [where(file, node, f"{what} must be a word, got {_kind(node)}", "type")]


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a number"


def load_synonyms(path: Path, display: str) -> list[Synonym]:
    """Read a synonyms file; raise HandbookError listing every problem (``file:line:col``).
    A missing file means no synonyms."""
    if not path.is_file():
        return []
    if not path.read_text(encoding="utf-8").strip():
        return []
    root, problems = compose_file(path, display)
    if root is None:
        raise HandbookError(problems)
    if not isinstance(root, MappingNode):
        raise HandbookError(
            [where(display, root, "expected a mapping: a reader's word: [the handbook's words]")]
        )
    found: list[Synonym] = []
    for key, value in root.value:
        reader, bad = _text(display, key, "a reader's word")
        problems += bad
        items = value.value if isinstance(value, SequenceNode) else [value]
        if isinstance(value, SequenceNode) and not items:
            problems.append(where(display, value, f"no handbook word for '{reader}'", "empty"))
        words = []
        for item in items:
            word, bad = _text(display, item, f"a handbook word for '{reader}'")
            problems += bad
            if word is not None:
                words.append(word)
        if reader is not None and words:
            found.append(Synonym(reader, tuple(words), *position(key)))
    if problems:
        raise HandbookError(problems)
    return found


def enrich_index(
    index: dict[str, Any],
    synonyms: list[Synonym],
    file: str,
    known: dict[bytes, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """The search index with each reader's word added to the sections that use its handbook
    words. Raises HandbookError for a synonym whose words no page uses (a stale entry).

    ``known``: the reader's words added to each section before, by a digest of the section's
    title and text, for the same synonyms (a section met before is not searched again); it
    is replaced by this index's sections."""
    index["config"].setdefault("fields", {}).setdefault(FIELD, {"boost": FIELD_BOOST})
    # A heading inside a widget (ids "km-…", e.g. the result's) makes a section of its own
    # whose text the widget's data-search-exclude kept out: an empty entry that repeats the
    # page title. Leave it out.
    index["docs"] = [d for d in index["docs"] if "#km-" not in d["location"]]
    used: set[str] = set()
    # The lower-cased words first find the sections that may hold them (a substring test);
    # only those are searched with the pattern, which counts whole-word-start matches.
    patterns = [
        (synonym.reader, tuple(w.lower() for w in synonym.words), synonym.pattern())
        for synonym in synonyms
    ]
    before = known if known is not None else {}
    now: dict[bytes, tuple[str, ...]] = {}
    for doc in index["docs"]:
        title, body = doc.get("title", ""), doc.get("text", "")
        digest = hashlib.blake2b(f"{title}\0{body}".encode(), digest_size=16).digest()
        added = now.get(digest, before.get(digest))
        if added is None:
            added = _readers_words(f"{title} {body}", patterns)
        now[digest] = added
        used.update(added)
        if added:
            doc[FIELD] = " ".join(added)
        else:
            doc.pop(FIELD, None)
    if known is not None:
        known.clear()
        known.update(now)
    stale = [
        Problem(
            file, s.line, s.col, f"no page uses {_listing(s.words)} (for '{s.reader}')", "unused"
        )
        for s in synonyms
        if s.reader not in used
    ]
    if stale:
        raise HandbookError(stale)
    return index


def _readers_words(
    text: str, patterns: list[tuple[str, tuple[str, ...], re.Pattern[str]]]
) -> tuple[str, ...]:
    """Each reader's word once per use of one of its handbook words in ``text`` (HTML)."""
    text = html.unescape(TAG.sub(" ", text))
    lower = text.lower()
    added: list[str] = []
    for reader, words, pattern in patterns:
        if not any(word in lower for word in words):
            continue
        added += [reader] * len(pattern.findall(text))
    return tuple(added)


def _listing(words: tuple[str, ...]) -> str:
    return " or ".join(f"'{w}'" for w in words)


def enrich_index_file(
    path: Path, synonyms: list[Synonym], file: str, store: buildcache.Store | None = None
) -> None:
    """``enrich_index`` on a search index file, written back in the same compact form.
    ``store``: where the enriched index is kept for the next build under a key of the index
    as the generator wrote it and the synonyms (and the engine); and for an index that
    changed, the words added to each section, under a key of the synonyms."""
    data = path.read_bytes()
    whole = buildcache.key("search-index", repr(synonyms), data) if store is not None else ""
    kept = store.get(whole) if store is not None else None
    if isinstance(kept, bytes):
        path.write_bytes(kept)
        return
    index = json.loads(data)
    name = buildcache.key("search-synonyms", repr(synonyms)) if store is not None else ""
    known = store.get(name) if store is not None else None
    known = known if isinstance(known, dict) else {}
    before = dict(known)
    enrich_index(index, synonyms, file, known)
    out = json.dumps(index, separators=(",", ":"), ensure_ascii=False).encode()
    if store is not None:
        if known != before:
            store.put(name, {}, known)
        store.put(whole, {}, out)
    path.write_bytes(out)
