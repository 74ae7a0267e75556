"""Starter text for ``python -m handbook new ID``: a small, valid, commented assessment."""

from __future__ import annotations

from .model import ASSESSMENT_ID

STARTER = """\
# yaml-language-server: $schema=../site/assets/km/assessment-schema.json
# A self-assessment in format v1. Run `python -m handbook check` after each change.
id: {id}
version: 1
title: {{nb: Min nye selvtest, en: My new self-assessment}}
intro:
  nb: Hva testen er for, hvem den er for, og at den er et verktøy for refleksjon, ikke en diagnose.
  en: What it is for, who it is for, and that it is a tool for reflection, not a diagnosis.
minutes: 3
scales:
  agree5:
    options:
      - {{value: 1, label: {{nb: Helt uenig, en: Strongly disagree}}}}
      - {{value: 2, label: {{nb: Litt uenig, en: Disagree}}}}
      - {{value: 3, label: {{nb: Verken eller, en: Neither}}}}
      - {{value: 4, label: {{nb: Litt enig, en: Agree}}}}
      - {{value: 5, label: {{nb: Helt enig, en: Strongly agree}}}}
items:
  - id: a1
    text: {{nb: Jeg vet hva som forventes av meg., en: I know what is expected of me.}}
    scale: agree5
    dimension: clarity
  - id: a2
    text: {{nb: Jeg er ofte usikker på hva jeg skal prioritere., en: I am often unsure what to prioritise.}}
    scale: agree5
    dimension: clarity
    reverse: true          # 5 counts as 1, 4 as 2, ...
dimensions:
  clarity:
    title: {{nb: Rolleklarhet, en: Role clarity}}
    method: mean           # or: sum
    min_answered: 2        # fewer answers → no score
    bands:                 # first band whose upto >= score wins; the last has no upto
      - id: low
        upto: 3.0
        label: {{nb: Lav, en: Low}}
        feedback: {{nb: Hva det kan bety og ett forslag., en: What it may mean and one suggestion.}}
      - id: high
        label: {{nb: Høy, en: High}}
        feedback: {{nb: Hva det kan bety og ett forslag., en: What it may mean and one suggestion.}}
examples:                  # golden cases: `check` scores them and compares
  - answers: {{a1: 5, a2: 1}}
    expect:
      dimensions: {{clarity: 5.0}}
      bands: {{clarity: high}}
"""


def new_assessment(assessment_id: str) -> str:
    """The starter YAML for a new assessment with the given id."""
    if not ASSESSMENT_ID.fullmatch(assessment_id):
        raise ValueError(f"id '{assessment_id}' must use only a-z, 0-9 and single hyphens")
    return STARTER.format(id=assessment_id)
