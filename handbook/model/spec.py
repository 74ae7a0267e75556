"""The typed, immutable spec of one assessment, and the JSON the scoring module reads.

Objects are built by keyword by the validators in this package; nothing here validates.
``Spec.to_dict()`` is the contract with ``handbook.scoring`` and the browser (the JSON spec
written next to every built page).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Number = int | float


@dataclass(frozen=True)
class Text:
    """A localized string: one text per language."""

    nb: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb

    def to_dict(self) -> dict[str, str]:
        return {"nb": self.nb, "en": self.en}


@dataclass(frozen=True)
class Option:
    value: Number
    label: Text
    points: Number | None = None  # what the option counts, when not its value

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "label": self.label.to_dict()}
        if self.points is not None:
            out["points"] = self.points
        return out


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    options: tuple[Option, ...]
    dimension: str
    reverse: bool = False
    explain: Text | None = None
    line: int = 0  # where the item starts in its file (for "used twice" messages)

    def right_option(self) -> Option:
        """The option that counts most (a knowledge check's right answer); the first on ties."""
        best = self.options[0]
        for option in self.options[1:]:
            if _worth(option) > _worth(best):
                best = option
        return best


def _worth(option: Option) -> Number:
    return option.points if option.points is not None else option.value


@dataclass(frozen=True)
class Action:
    """Something a reader can do about a result: offered for a band, kept in their plan."""

    id: str
    text: Text
    link: str | None = None  # docs-relative "practice/x.md#anchor"


@dataclass(frozen=True)
class Band:
    id: str
    upto: Number | None
    label: Text
    feedback: Text
    tone: str = "neutral"
    actions: tuple[Action, ...] = ()
    discuss: Text | None = None  # questions for a group where some fall in this band


@dataclass(frozen=True)
class Group:
    id: str
    title: Text


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    method: str
    min_answered: int
    bands: tuple[Band, ...]
    about: Text | None = None
    group: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    when: tuple[tuple[str, tuple[str, ...]], ...]
    label: Text
    feedback: Text


@dataclass(frozen=True)
class Profile:
    id: str
    title: Text
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Example:
    answers: tuple[tuple[str, Number | None], ...]
    expect: dict[str, Any]
    line: int = 0


@dataclass(frozen=True)
class Spec:
    id: str
    version: int
    title: Text
    intro: Text
    items: tuple[Item, ...]
    dimensions: tuple[Dimension, ...]
    profiles: tuple[Profile, ...] = ()
    examples: tuple[Example, ...] = ()
    chapter: str | None = None
    minutes: int | None = None
    kind: str = "reflection"
    about: Text | None = None
    groups: tuple[Group, ...] = ()

    def dimension(self, dim_id: str) -> Dimension:
        return next(d for d in self.dimensions if d.id == dim_id)

    def items_of(self, dim_id: str) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.dimension == dim_id)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-able spec that ``handbook.scoring`` and the browser read."""
        return {
            "format": 1,
            "id": self.id,
            "version": self.version,
            "kind": self.kind,
            "title": self.title.to_dict(),
            "items": [
                {
                    "id": item.id,
                    "dimension": item.dimension,
                    "reverse": item.reverse,
                    "options": [o.to_dict() for o in item.options],
                }
                for item in self.items
            ],
            "dimensions": {
                d.id: {
                    "method": d.method,
                    "min_answered": d.min_answered,
                    "bands": [{"id": b.id, "upto": b.upto} for b in d.bands],
                }
                for d in self.dimensions
            },
            "profiles": {
                p.id: {
                    "rules": [
                        {"id": r.id, "when": {k: list(v) for k, v in r.when}} for r in p.rules
                    ]
                }
                for p in self.profiles
            },
        }
