"""Interface text of the page features, per language (the same keys in every language), one
module per feature: ``widget`` (``UI``), ``tools`` (``PLANNER``, ``CHECKLIST``), ``group``
(``GROUP``), ``pages`` (``CITE``, ``COURSE``, ``OFFLINE``)."""

from __future__ import annotations

from .group import GROUP
from .pages import CITE, COURSE, OFFLINE
from .tools import CHECKLIST, PLANNER
from .widget import UI

__all__ = ["CHECKLIST", "CITE", "COURSE", "GROUP", "OFFLINE", "PLANNER", "UI"]


def strings(lang: str) -> dict[str, str]:
    return UI["en" if lang == "en" else "nb"]


def js_strings(lang: str) -> dict[str, str]:
    return {k[3:]: v for k, v in strings(lang).items() if k.startswith("js_")}


def planner_strings(lang: str) -> dict[str, str]:
    return PLANNER["en" if lang == "en" else "nb"]


def checklist_strings(lang: str) -> dict[str, str]:
    return CHECKLIST["en" if lang == "en" else "nb"]


def offline_strings(lang: str) -> dict[str, str]:
    return OFFLINE["en" if lang == "en" else "nb"]


def course_strings(lang: str) -> dict[str, str]:
    return COURSE["en" if lang == "en" else "nb"]


def cite_strings(lang: str) -> dict[str, str]:
    return CITE["en" if lang == "en" else "nb"]


def group_strings(lang: str) -> dict[str, str]:
    return GROUP["en" if lang == "en" else "nb"]


def group_js_strings(lang: str) -> dict[str, str]:
    return {k[3:]: v for k, v in group_strings(lang).items() if k.startswith("js_")}
