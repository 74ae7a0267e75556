"""When a page last changed, and how to cite it (APA 7, web page), for any generator.

* ``Dates.last_changed`` gives the date of the last commit that touched a file, read from
  one ``git log --name-only`` over the history (one ``Dates`` per build). It gives ``None`` —
  "no date" — when there is no history to ask: git missing, not a repository, a file never
  committed, or a shallow clone whose oldest kept commit is the one found (the true date may
  be older, so it is not given).
* ``reference`` writes the APA 7 reference of a page as parts (so a template can italicise the
  title): group author, date of last change (or "n.d."/"u.å."), title, site name, "Retrieved
  … from URL". APA 7 (section 9.16 and 10.16) asks for a retrieval date for pages that are
  meant to change over time; the reader's browser fills it in on the day the page is read.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .buildcache import Store, key

AUTHOR = "Krav og mestring"
MONTHS = {
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip
NO_DATE = {"nb": "u.å.", "en": "n.d."}


def long_date(day: date, lang: str) -> str:
    """5. desember 2026 / December 5, 2026."""
    month = MONTHS["en" if lang == "en" else "nb"][day.month - 1]
    return f"{month} {day.day}, {day.year}" if lang == "en" else f"{day.day}. {month} {day.year}"


def apa_date(day: date | None, lang: str) -> str:
    """The date part of an APA 7 reference: (2026, December 5) / (2026, 5. desember)."""
    if day is None:
        return NO_DATE["en" if lang == "en" else "nb"]
    month = MONTHS["en" if lang == "en" else "nb"][day.month - 1]
    return f"{day.year}, {month} {day.day}" if lang == "en" else f"{day.year}, {day.day}. {month}"


def _git(root: Path, *args: str) -> str | None:
    try:
        run = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run.stdout.strip() if run.returncode == 0 else None


def _shallow_commits(root: Path, path: str | None) -> frozenset[str]:
    """The commits a shallow clone cut its history at (``path``: git's file that lists them)."""
    if not path:
        return frozenset()
    shallow = Path(path) if Path(path).is_absolute() else root / path
    try:
        return frozenset(shallow.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


def _history(root: Path) -> dict[str, tuple[str, str]]:
    """Each committed file below ``root`` → (commit, day) of the last commit that changed it,
    from one ``git log`` over the history (asking once per file cost a process per page)."""
    out = _git(root, "log", "--relative", "--format=%x01%H %cs", "--name-only", "-z", "--", ".")
    latest: dict[str, tuple[str, str]] = {}
    for record in (out or "").split("\x01")[1:]:
        head, _, names = record.partition("\n")
        commit, _, day = head.strip("\x00").partition(" ")
        for name in names.split("\x00"):
            name = name.strip("\n")
            if name and name not in latest:  # newest first: the first mention is the last change
                latest[name] = (commit, day)
    return latest


class Dates:
    """Last-changed dates of the files below ``root``, read from git once (per build).

    ``store``: where the dates are kept for the next build, under the commit checked out and
    the commits a shallow clone cut its history at (the history they delimit is all the dates
    are read from), so a build at the same commit asks git only which commit that is."""

    def __init__(self, root: Path, store: Store | None = None) -> None:
        self.root = root.resolve()
        self.store = store
        self._latest: dict[str, tuple[str, str]] | None = None
        self._shallow: frozenset[str] = frozenset()

    def _read(self) -> None:
        found = _git(self.root, "rev-parse", "--git-path", "shallow", "HEAD")
        shallow, _, head = (found or "").partition("\n")
        self._shallow = _shallow_commits(self.root, shallow)
        # A shallow clone deepened at the same commit has more history: its cut is in the key.
        where = (str(self.root), head, *sorted(self._shallow))
        store = self.store if head else None
        name = key("dates", *where)
        kept = store.get(name) if store is not None else None
        self._latest = kept if isinstance(kept, dict) else _history(self.root)
        if store is not None and not isinstance(kept, dict) and self._latest:
            store.put(name, {}, self._latest)

    def last_changed(self, file: Path) -> date | None:
        """The date of the last commit that changed ``file``, or None when git cannot tell."""
        try:
            relative = file.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None
        if self._latest is None:
            self._read()
        commit, day = self._latest.get(relative, ("", ""))
        if not commit or commit in self._shallow:
            return None
        try:
            return date.fromisoformat(day)
        except ValueError:
            return None


def last_changed(file: Path, root: Path) -> date | None:
    """``Dates(root).last_changed(file)``, for one file."""
    return Dates(root).last_changed(file)


@dataclass(frozen=True)
class Reference:
    """An APA 7 reference of a web page, in parts: ``before`` *title* ``after`` + accessed."""

    before: str  # "Krav og mestring. (2026, December 5)."
    title: str
    after: str  # "Demands and mastery." (the site name, when it differs from the author)
    retrieved: str  # "Retrieved {date}, from URL" with {date} for the day it is read
    url: str

    @property
    def title_end(self) -> str:
        """The full stop after the title, unless it ends in ? or ! already."""
        return "" if self.title.endswith(("?", "!")) else "."

    def text(self, accessed: str) -> str:
        parts = [self.before, self.title + self.title_end, self.after]
        return " ".join([*(p for p in parts if p), self.retrieved.format(date=accessed)])


def reference(title: str, site_name: str, url: str, changed: date | None, lang: str) -> Reference:
    before = f"{AUTHOR}. ({apa_date(changed, lang)})."
    after = f"{site_name}." if site_name and site_name != AUTHOR else ""
    retrieved = f"Retrieved {{date}}, from {url}" if lang == "en" else f"Hentet {{date}} fra {url}"
    return Reference(before, title.rstrip("."), after, retrieved, url)
