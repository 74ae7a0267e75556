"""Render assessments with Jinja2: the form widget, how it is computed, a link card, its page.

The templates are the engine's own (``handbook/templates/km/``); a theme may override any of
them by giving a file of the same path in its own folder (a ``ChoiceLoader`` looks there
first). One entry point per fragment, explicit variables, autoescaping on, undefined names
fail. The caller passes ``markdown``: a function from author Markdown (feedback, intro) to HTML
that knows the page it is rendered into (links, citations). Nothing here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from . import cite, deadlines, group, scoring
from .markdown_text import escape_inline
from .model import Spec
from .numbers import format_number
from .ui_strings import (
    cite_strings,
    group_js_strings,
    group_strings,
    js_strings,
    planner_strings,
    strings,
)

MarkdownFn = Callable[[str], str]
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Context:
    """What a fragment needs to know about the page it lands on."""

    lang: str
    markdown: MarkdownFn
    chapter_url: str | None = None
    chapter_title: str | None = None
    link: Callable[[str], str | None] = lambda target: None  # docs path → URL from the page


def scale_step(spec: dict[str, Any], dim_id: str) -> float:
    """The smallest step an answer can move a dimension's score by: the smallest gap between
    two neighbouring values an item counts (for a sum the same; a mean moves by less, but a
    change smaller than one answer's step is "about the same")."""
    gaps = []
    for item in spec["items"]:
        if item["dimension"] != dim_id:
            continue
        counted = sorted({scoring.counted(item, o["value"]) for o in item["options"]})
        gaps += [b - a for a, b in zip(counted, counted[1:], strict=False) if b > a]
    return min(gaps) if gaps else 1


def _lines(text: str, width: int = 20) -> list[str]:
    """Short lines for an SVG label (SVG text does not wrap)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3]


def profile_grids(spec: Spec, lang: str) -> dict[str, dict[str, Any] | None]:
    """For each profile, the 2×2 grid of its two shared dimensions, when it has one: every
    rule uses the same two dimensions (and maybe more), each with exactly two bands."""
    grids: dict[str, dict[str, Any] | None] = {}
    for profile in spec.profiles:
        shared = None
        for rule in profile.rules:
            dims = [d for d, _ in rule.when]
            shared = dims if shared is None else [d for d in shared if d in dims]
        grids[profile.id] = None
        if not shared or len(shared) != 2:
            continue
        x, y = (spec.dimension(d) for d in shared)
        if len(x.bands) != 2 or len(y.bands) != 2:
            continue
        cells = []
        for row, y_band in enumerate(reversed(y.bands)):  # high at the top
            for col, x_band in enumerate(x.bands):
                label = ""
                for rule in profile.rules:
                    when = dict(rule.when)
                    if (
                        set(when) == {x.id, y.id}
                        and x_band.id in when[x.id]
                        and y_band.id in when[y.id]
                    ):
                        label = rule.label.get(lang)
                        break
                cells.append({
                    "x_band": x_band.id, "y_band": y_band.id, "row": row, "col": col,
                    "lines": _lines(label),
                    "bands": f"{x_band.label.get(lang)} · {y_band.label.get(lang)}",
                })  # fmt: skip
        grids[profile.id] = {"x": x, "y": y, "cells": cells}
    return grids


def widget_strings(spec: Spec, lang: str) -> dict[str, str]:
    """Every text the browser widget needs for this assessment, for its one JSON block."""
    ui = strings(lang)
    quiz = spec.kind == "knowledge"
    return {
        **js_strings(lang),
        "score_of": ui["score_points"] if quiz else ui["score_of"],
        "answered_of": ui["answered_questions"] if quiz else ui["answered_of"],
        "no_score": ui["no_score"],
        "correct": ui["correct_answer"],
        "yours": ui["your_answer"],
        "right": ui["right_answer"],
    }


class Renderer:
    def __init__(self, theme_dir: str | Path | None = None, cache_dir: Path | None = None):
        """``cache_dir``: where Jinja keeps the templates it compiled, for the next build (each
        kept one is checked against its template's source and Python's bytecode version)."""
        loaders = [FileSystemLoader(str(theme_dir))] if theme_dir else []
        bytecode = None
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache_dir))
        self.env = Environment(
            loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
            bytecode_cache=bytecode,
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters["markdown_text"] = escape_inline
        # Keep the spec's key order (dimensions in authored order) in `tojson` output.
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}

    def _vars(self, spec: Spec, ctx: Context) -> dict[str, Any]:
        lang = ctx.lang
        data = spec.to_dict()
        number_of = {item.id: n for n, item in enumerate(spec.items, 1)}

        def md(text: str) -> Markup:
            return Markup(ctx.markdown(text))

        def fmt(template: str, **kw: Any) -> str:
            return template.format(**kw)

        dims = []
        for dim in spec.dimensions:
            items = spec.items_of(dim.id)
            lo, hi = scoring.dimension_range(data, dim.id)
            bands = []
            previous = None
            for band in dim.bands:
                bands.append({"band": band, "upto": band.upto, "prev": previous})
                previous = band.upto if band.upto is not None else previous
            dims.append({
                "dim": dim, "items": items, "lo": lo, "hi": hi,
                "numbers": [number_of[i.id] for i in items],
                "reversed": [number_of[i.id] for i in items if i.reverse],
                "bands": bands, "count": len(items), "step": scale_step(data, dim.id),
                "cuts": [b.upto for b in dim.bands if b.upto is not None],
            })  # fmt: skip
        return {
            "spec": spec,
            "lang": lang,
            "ui": strings(lang),
            "js_ui": widget_strings(spec, lang),
            "spec_json": data,
            "dims": dims,
            "grids": profile_grids(spec, lang),
            "md": md,
            "fmt": fmt,
            "num": lambda v: "–" if v is None else format_number(v, lang),
            "t": lambda text: text.get(lang) if text is not None else "",
            "ctx": ctx,
        }

    def render(self, name: str, **variables: Any) -> str:
        html = self.env.get_template(name).render(**variables)
        # A blank line would end a raw HTML block in Markdown; keep the fragment in one block.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def widget(self, spec: Spec, ctx: Context) -> str:
        """The form, its result region and the result templates (DESIGN §3.4)."""
        return self.render("km/assessment.html", **self._vars(spec, ctx))

    def how_computed(self, spec: Spec, ctx: Context) -> str:
        return self.render("km/how-computed.html", **self._vars(spec, ctx))

    def card(self, spec: Spec, ctx: Context, url: str) -> str:
        return self.render("km/assessment-card.html", url=url, **self._vars(spec, ctx))

    def my_results(self, specs: list[Spec], ctx: Context) -> str:
        """The "My data" fragment: a catalogue of every assessment for the script."""
        lang = ctx.lang
        catalog = {
            spec.id: {
                "title": spec.title.get(lang),
                "url": ctx.link(f"self-assessments/{spec.id}.md") or "",
                "version": spec.version,
                "kind": spec.kind,
            }
            for spec in specs
        }
        ui = strings(lang)
        js_ui = {**js_strings(lang), **{k: v for k, v in ui.items() if k.startswith("my_results_")}}
        return self.render("km/my-results.html", lang=lang, ui=ui, js_ui=js_ui, catalog=catalog)

    def planner(self, lang: str, links: dict[str, str], root: str) -> str:
        """The sick-leave deadline planner (DESIGN §7.3): its form, result region and row
        template. ``links`` maps each toolkit link the engine gives (``page.md#anchor``) to a
        URL relative to this page; ``root`` leads from this page to the language's root."""
        ui = planner_strings(lang)
        return self.render(
            "km/deadline-planner.html",
            lang=lang,
            ui=ui,
            js_ui={key[3:]: text for key, text in ui.items() if key.startswith("js_")},
            links=links,
            root=root,
            earliest=deadlines.EARLIEST.isoformat(),
            latest=deadlines.LATEST.isoformat(),
        )

    def group_page(self, specs: list[Spec], ctx: Context) -> str:
        """The group results page's widget: file input, one region per assessment."""
        return self.render(
            "km/group-results.html",
            lang=ctx.lang,
            assessments=[self._vars(spec, ctx) for spec in specs],
            known={spec.id: spec.version for spec in specs},
            gui=group_strings(ctx.lang),
            gjs=group_js_strings(ctx.lang),
            min_group=group.MIN_GROUP,
            max_bytes=group.MAX_BYTES,
        )

    def cite_box(
        self, ref: cite.Reference, changed: date | None, lang: str, guide: str, absolute: bool
    ) -> str:
        """The "Cite this page" box: last change and the APA 7 reference."""
        return self.render(
            "km/cite.html",
            ref=ref,
            changed=changed,
            changed_text=cite.long_date(changed, lang) if changed else "",
            retrieved=ref.retrieved.replace(ref.url, "").split("{date}"),
            ui=cite_strings(lang),
            guide=guide,
            absolute=absolute,
        )

    def markdown_page(self, name: str, **variables: Any) -> str:
        """A page (or section) written in Markdown by a template, blank lines kept."""
        return self.env.get_template(name).render(**variables)

    def page(self, spec: Spec, ctx: Context) -> str:
        """Markdown of the assessment's own page (headings stay Markdown, for the TOC)."""
        template = self.env.get_template("km/assessment-page.md.html")
        return template.render(**self._vars(spec, ctx))
