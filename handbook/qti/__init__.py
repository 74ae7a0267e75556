"""Knowledge checks → IMS QTI content packages (zip) that an LMS can import.

* ``model``  — a plain, version-neutral data model built from ``handbook.model.Spec``.
* ``xhtml``  — Markdown explanations → a small, safe XHTML fragment.
* ``base``   — what every version shares: manifest, XML output, deterministic zip.
* ``qti12``  — the QTI 1.2 exporter (default: the widest LMS support).
* ``qti21``  — the QTI 2.1 exporter.

``python -m handbook export qti`` (``handbook.cli``) is the command-line front end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Spec
from ..problems import did_you_mean
from .base import Exporter
from .model import ExportError, Package, build_package
from .qti12 import Qti12Exporter
from .qti21 import Qti21Exporter

EXPORTERS: dict[str, type[Exporter]] = {"1.2": Qti12Exporter, "2.1": Qti21Exporter}
VERSIONS = tuple(EXPORTERS)

__all__ = [
    "EXPORTERS",
    "VERSIONS",
    "ExportError",
    "Package",
    "SelectionError",
    "build_package",
    "export",
    "select",
]


class SelectionError(Exception):
    """The ids asked for are not all knowledge checks; ``messages`` says which and why."""

    def __init__(self, messages: list[str], hint: str):
        self.messages = messages
        self.hint = hint  # the ids that would work
        super().__init__("\n".join([*messages, hint]))


def select(specs: Iterable[Spec], ids: Sequence[str], where: str = "assessments") -> list[Spec]:
    """The knowledge checks named by ``ids`` (in that order), or all of them by id.

    Raises ``SelectionError`` listing every unknown id (with a did-you-mean hint) and every
    id that is not a knowledge check.
    """
    by_id = {spec.id: spec for spec in specs}
    knowledge = sorted(i for i, spec in by_id.items() if spec.kind == "knowledge")
    if not ids:
        return [by_id[i] for i in knowledge]
    messages: list[str] = []
    for spec_id in dict.fromkeys(ids):
        spec = by_id.get(spec_id)
        if spec is None:
            messages.append(
                f"no assessment '{spec_id}' in {where.rstrip('/')}/"
                + did_you_mean(spec_id, knowledge)
            )
        elif spec.kind != "knowledge":
            messages.append(
                f"'{spec_id}' is a {spec.kind} assessment, not a knowledge check; "
                "only knowledge checks (kind: knowledge) can be exported to QTI"
            )
    if messages:
        raise SelectionError(messages, "knowledge checks: " + (", ".join(knowledge) or "none"))
    return [by_id[i] for i in dict.fromkeys(ids)]


def export(package: Package, version: str = "1.2") -> bytes:
    """The zip bytes of ``package`` in QTI ``version`` ("1.2" or "2.1")."""
    try:
        exporter = EXPORTERS[version]
    except KeyError:
        raise ExportError(
            f"unknown QTI version '{version}' (expected one of: {', '.join(VERSIONS)})"
        ) from None
    return exporter(package).zip_bytes()
