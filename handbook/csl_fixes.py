"""Fixes to citeproc-py 0.11.1 (pinned): six CSL 1.0.2 rules it misses, and two speed-ups.

Each fix replaces as few methods as it can and says which APA reference it repairs;
``tests/test_citations.py`` shows the visible effect. ``apply()`` is idempotent and refuses a
different citeproc-py, so an upgrade makes us look again instead of patching blindly.

1. **Group suppression** (CSL "Group"): a ``cs:group`` is left out when it calls variables
   and none of them rendered. citeproc-py asks a ``cs:choose`` whether *any* branch could
   call a variable, so a branch that prints only a fixed text keeps the group. APA then
   prints "Thesis title (Publication) [Master's thesis]" for a thesis without a publication
   number. We ask the branch that was taken.
2. **Substitution** (CSL "Substitute"): the variables that stood in for a missing author are
   suppressed in the rest of the reference. citeproc-py suppresses only a ``cs:text`` with a
   ``variable`` attribute, so an edited book listed its editors twice and a work without an
   author printed its title twice. We record what the substitute rendered and suppress it.
3. **Title case of labels** (``text-case="title"`` on ``cs:label``): labels are terms from the
   locale, so the item's language does not stop title case. citeproc-py never applied it to
   labels: "(eds.)" instead of APA's "(Eds.)", "(red.)" instead of "(Red.)".
4. **is-numeric="locator"** tests the citation's locator. citeproc-py looked for a variable
   ``locator`` in the item and never found it, so APA's ``label-locator`` macro dropped the
   label of a numeric chapter: "(Hedenstad et al., 2019, 2)" instead of "…, Chapter 2)".
5. **Sort keys are text**: citeproc-py sorted on the formatted output, so an italic title
   ("<i>Stress at work</i>", a work without an author) came before every author name.
6. **Year collapsing** (``collapse="year"``, which apa.csl asks for): works by the same
   authors in one citation share the names, "(Bakker & Demerouti, 2007, 2017)" (APA 8.12).
   citeproc-py ignored the option and repeated the names.

The speed-ups change no output: XPath answers are cached per element (the style tree does not
change once loaded), and a one-work citation is not sorted.
"""

from __future__ import annotations

import html
import re
from typing import Any

import citeproc
from citeproc import model
from citeproc.string import join

VERSION = "0.11.1"
_applied = False


def _group_process(self: model.Group, item: Any, context: Any = None, **kwargs: Any) -> Any:
    output = []
    called = rendered = False
    delimiter = self.get("delimiter", "")
    for child in self.iterchildren():
        source = child
        try:
            if isinstance(child, model.Choose):
                text, source = _choose(child, item, context, delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            text = None
        calls = source is not None and source.calls_variable()
        called = called or calls
        if text is not None:
            output.append(text)
            rendered = rendered or calls
    if output and (not called or rendered):
        return self.join(output)
    raise model.VariableError


def _choose(
    choose: model.Choose, item: Any, context: Any, delimiter: str, **kwargs: Any
) -> tuple[Any, Any]:
    """Render a ``cs:choose`` like citeproc-py does, and say which branch was taken."""
    for branch in choose.iterchildren():
        try:
            return branch.render(item, context=context, delimiter=delimiter, **kwargs), branch
        except model.ConditionFailed:
            continue
    return None, None


# Variables rendered while a cs:substitute child renders (a stack: substitutes can nest).
_recording: list[list[tuple[str, str]]] = []


def _substitute_render(
    self: model.Substitute, item: Any, context: Any = None, **kwargs: Any
) -> Any:
    for child in self.iterchildren():
        _recording.append([])
        try:
            if isinstance(child, model.Names) and child.name is None:
                names = self.xpath_search("./parent::cs:names[1]")[0]
                text = child.render(item, names_context=names, context=context, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
        except model.VariableError:
            text = None
        finally:
            rendered = _recording.pop()
        if text:
            repressed = (self if context is None else context).get_layout().repressed
            for tag, variable in rendered:
                repressed.setdefault(tag, []).append(variable)
            if _recording:
                _recording[-1].extend(rendered)
            return text
    return None


def _text_variable(self: model.Text, item: Any, context: Any) -> Any:
    text = _original_text_variable(self, item, context)
    if text is not None and _recording:
        _recording[-1].append((self.tag, self.get("variable")))
    return text


def _names_process(self: model.Names, item: Any, names_context: Any = None, **kwargs: Any) -> Any:
    context = kwargs.get("context")
    context = self if context is None else context
    repressed = context.get_layout().repressed.get(self.tag, [])
    roles = [r for r in self.get("variable").split() if r not in repressed]
    if not roles:
        raise model.VariableError
    original = self.get("variable")
    self.set("variable", " ".join(roles))
    try:
        text = _original_names_process(self, item, names_context=names_context, **kwargs)
    finally:
        self.set("variable", original)
    if text is not None and _recording:
        _recording[-1].extend((self.tag, r) for r in roles if r in item.reference)
    return text


def _is_numeric(self: model.If, item: Any) -> list[bool]:
    results = []
    for name in self.get("is-numeric").split():
        if name == "locator":
            value = item.locator.identifier if "locator" in item else None
        else:
            value = item.reference.get(name.replace("-", "_"))
        results.append(value is not None and bool(self.re_numeric.match(str(value))))
    return results


def _sort_keys(self: model.Key, items: list, context: Any) -> list:
    keys = _original_sort_keys(self, items, context)
    return [_plain(k) if isinstance(k, str) else k for k in keys]


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def _label_markup(self: model.Label, text: Any) -> Any:
    if text:
        return self.wrap(self.format(self.case(self.strip_periods(text), language="en")))
    return None


def _render_citation(self: model.Layout, citation: Any, callback: Any) -> Any:
    found = self.xpath_search(".//cs:text[@macro='author-short']")
    author = found[0] if len(found) == 1 else None
    if self.getparent().get("collapse") != "year" or author is None:
        return _original_render_citation(self, citation, callback)
    keys = citation.bibliography.keys
    cites = sorted((c for c in citation.cites if not c.is_bad()), key=lambda c: keys.index(c.key))
    sort = self.getparent().sort
    groups: list[tuple[str, list[Any]]] = []  # (names, rendered works), in order
    for item in sort.sort(cites, self) if sort is not None else cites:
        self.repressed = {}
        names = str(author.render(item, context=self) or "")
        same = bool(groups) and bool(names) and groups[-1][0] == names
        self.repressed = {}
        if same:  # render without the names: take the author out for this one work
            parent, index = author.getparent(), author.getparent().index(author)
            parent.remove(author)
            try:
                text = self.render_children(item)
            finally:
                parent.insert(index, author)
        else:
            text = self.render_children(item)
        if text is not None:
            text = item.get("prefix", "") + text + item.get("suffix", "")
            if same:
                groups[-1][1].append(text)
            else:
                groups.append((names, [text]))
            self.getparent().cites.append(item)
    out = [join(texts, self.getparent().get("cite-group-delimiter", ", ")) for _, texts in groups]
    out += [callback(c) or f"{c.key}?" for c in citation.cites if c.is_bad()]
    return self.format(self.wrap(self.join(out)))


def _xpath_search(self: model.CitationStylesElement, expression: str) -> Any:
    # Speed only: every XPath citeproc-py asks is structural (ancestors, macros, terms), and the
    # tree does not change once loaded, so each element remembers its answers.
    cache = vars(self).setdefault("_km_xpath", {})
    if expression not in cache:
        cache[expression] = _original_xpath_search(self, expression)
    return cache[expression]


def _sort(self: model.Sort, items: list, context: Any) -> list:
    # Speed only: one item needs no sort keys (citeproc-py renders them for every citation).
    return list(items) if len(items) < 2 else _original_sort(self, items, context)


_original_names_process = model.Names.process
_original_render_citation = model.Layout.render_citation
_original_sort_keys = model.Key.sort_keys
_original_text_variable = model.Text._variable
_original_xpath_search = model.CitationStylesElement.xpath_search
_original_sort = model.Sort.sort


def apply() -> None:
    """Install the fixes (once)."""
    global _applied
    if _applied:
        return
    if citeproc.__version__ != VERSION:
        raise RuntimeError(
            f"handbook.csl_fixes was written for citeproc-py {VERSION}, found "
            f"{citeproc.__version__}: check each fix against the new release"
        )
    model.Group.process = _group_process
    model.Names.process = _names_process
    model.Substitute.render = _substitute_render
    model.Text._variable = _text_variable
    model.Label.markup = _label_markup
    model.If._is_numeric = _is_numeric
    model.Key.sort_keys = _sort_keys
    model.Layout.render_citation = _render_citation
    model.CitationStylesElement.xpath_search = _xpath_search
    model.Sort.sort = _sort
    _applied = True
