"""Forms, cards, "how it is computed" sections and the pages of every assessment (the group
page, My data) rendered once and reused.

A fragment of an assessment reads its page only through the page's ``link`` (where the
chapter, the assessment page or a linked page is, seen from this page) and by citing works
(which go on the page's reference list). So a render can be reused on another page, or in
the next build, when every link it resolved resolves the same from the page at hand; the
works it cited are added to that page's list. Everything else it reads is in the key: the
engine (``handbook.buildcache``), this build's settings (Markdown extensions, nav, language),
the glossary and other includes, the bibliography, the theme's templates, the spec itself
and the chapter's title. A render that met a problem is never kept, so each page reports its
own. The citations a build made (each group's HTML, and the same with the glossary's marks)
are kept for the next build with the same settings, glossary and bibliography.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .buildcache import Packed, files_digest, key

if TYPE_CHECKING:
    from .site import Site

KEPT = 16  # renders of one fragment kept in memory (one per set of links, e.g. per folder)
FOLDER = ".cache/km-renders"


@dataclass
class Render:
    """A fragment as rendered for a page, with the link it resolved for each target and the
    works its texts cite."""

    links: dict[str, str | None]
    cited: list[str]
    html: str


class Renders:
    """This build's renders (in memory) and earlier builds' (in ``FOLDER``)."""

    def __init__(self, site: Site, folder: Path | None = None):
        self.site = site
        self.memory: dict[tuple[str, str], list[Render]] = {}
        # Read as one file by the next build with the same settings (``Packed``).
        self.store = Packed(folder, lambda: key("renders", self.site_digest(), site.lang))
        self._site_digest: bytes | None = None
        self._spec_digests: dict[str, bytes] = {}
        self._citations_kept = (0, 0)  # how many citations the kept ones held

    def site_digest(self) -> bytes:
        """What every render of this build reads besides its page and spec."""
        if self._site_digest is None:
            site, root = self.site, self.site.root
            digest = hashlib.sha256(repr(site.config).encode())
            digest.update(repr(site.source_links).encode())
            for folder, pattern in (
                (root / "includes", "*"),
                (root / "references", "*"),
                (site.config.theme_dir, "*.html"),
            ):
                digest.update(files_digest(folder, pattern))
            self._site_digest = digest.digest()
        return self._site_digest

    def name(self, kind: str, specs: tuple[str, ...], page: str) -> str:
        parts: list[str | bytes] = ["render", self.site_digest(), kind, page]
        for spec_id in specs:
            spec = self.site.specs[spec_id]
            if spec_id not in self._spec_digests:
                # Its file's digest when it was read from a file, else its repr (not a pickle:
                # a spec validated this build and the same spec kept from an earlier one pickle
                # differently, shared strings, but read the same).
                known = self.site.spec_digests.get(spec_id)
                text = known or repr(spec)
                self._spec_digests[spec_id] = hashlib.sha256(text.encode()).digest()
            parts += [self._spec_digests[spec_id], self.site.chapter_title(spec) or ""]
        return key(*parts)

    def find(
        self, kind: str, specs: tuple[str, ...], page: str, link: Callable[[str], str | None]
    ) -> Render | None:
        """A render of the fragment ``kind`` of ``specs`` valid for ``page`` (whose links
        ``link`` resolves), or None."""
        for done in self.memory.get((kind, specs), ()):
            if all(link(target) == url for target, url in done.links.items()):
                return done
        if self.store.folder is None:
            return None
        done = self.store.get(self.name(kind, specs, page), link)
        if isinstance(done, Render):
            self.remember(kind, specs, done)
            return done
        return None

    def keep(self, kind: str, specs: tuple[str, ...], page: str, done: Render) -> None:
        self.remember(kind, specs, done)
        if self.store.folder is not None:
            self.store.put(self.name(kind, specs, page), done.links, done)

    def remember(self, kind: str, specs: tuple[str, ...], done: Render) -> None:
        kept = self.memory.setdefault((kind, specs), [])
        kept[:] = [*kept[-KEPT + 1 :], done]

    # Citations: each citation group's HTML (``Bibliography.cited_groups``) and the same with
    # the glossary's marks (``Site.citation_html``) read the bibliography, the glossary and
    # this build's settings, all in ``site_digest``, and nothing of the page.

    def _citations_name(self) -> str:
        return key("citations", self.site_digest(), self.site.lang)

    def restore_citations(self) -> None:
        """Put the citations an earlier build made with the same inputs into this build's."""
        if self.store.folder is None:
            return
        kept = self.store.get(self._citations_name())
        if isinstance(kept, tuple) and len(kept) == 2:
            groups, marked = kept
            self.site.bib.cited_groups.update(groups)
            self.site.citations_marked.update(marked)
            self._citations_kept = len(groups), len(marked)

    def save(self) -> None:
        """Keep this build's citations (when there are new ones) and its renders' pack."""
        groups, marked = self.site.bib.cited_groups, self.site.citations_marked
        if self.store.folder is not None and (len(groups), len(marked)) != self._citations_kept:
            self.store.put(self._citations_name(), {}, (dict(groups), dict(marked)))
            self._citations_kept = len(groups), len(marked)
        self.store.save()
