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

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import cite, group, scoring
from .markdown_text import escape_inline
from .model import Spec
from .numbers import format_number
from .ui_strings import cite_strings, group_js_strings, group_strings, js_strings, strings

MarkdownFn = Callable[[str], str]
TEMPLATES = Path(__file__).with_name("templates")


@dataclass(frozen=True)
class Context:
    """What a fragment needs to know about the page it lands on."""

    lang: str
    markdown: MarkdownFn
    chapter_url: str | None = None
    chapter_title: str | None = None


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
    def __init__(self, theme_dir: str | Path | None = None):
        loaders = [FileSystemLoader(str(theme_dir))] if theme_dir else []
        self.env = Environment(
            loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
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
                "bands": bands, "count": len(items),
            })  # fmt: skip
        return {
            "spec": spec,
            "lang": lang,
            "ui": strings(lang),
            "js_ui": widget_strings(spec, lang),
            "spec_json": data,
            "dims": dims,
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
