"""Checklists on toolkit pages, in headless Chromium: real checkboxes named by their item's
text, ticks kept on the device per page, clear with undo, keyboard, print view, axe in light
and dark mode, and no Python runtime on a page without a form."""

from __future__ import annotations

import json
import re

import pytest
from conftest import wait_js
from test_browser import axe_violations

from handbook.ui_strings import CHECKLIST

PAGE = "/practice/own-load/"
BOXES = "input[type=checkbox][data-km-check]"


def open_page(page, base_url: str, path: str = PAGE) -> None:
    page.goto(base_url + path)
    wait_js(page, "() => document.documentElement.dataset.kmChecklists === 'ready'")


def ticked(page) -> list[bool]:
    return page.eval_on_selector_all(BOXES, "els => els.map(e => e.checked)")


def stored(page) -> dict[str, object]:
    return page.evaluate(
        """Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('km:'))
             .map(k => [k, JSON.parse(localStorage.getItem(k))]))"""
    )


def toggle(page, n: int) -> None:
    """Click item ``n``'s text, which is its checkbox's label (the real box is transparent)."""
    page.locator(".km-checklist .km-checklist__text").nth(n).click()


def count_text(page, section: str = "checklist") -> str:
    return page.inner_text(f'[data-km-checklist="{section}"] [data-km-checklist-count]')


def test_boxes_are_real_and_named_by_their_text(page, base_url: str) -> None:
    open_page(page, base_url)
    items = page.locator("#checklist ~ ul li.task-list-item, .km-checklist li.task-list-item")
    boxes = page.locator(BOXES)
    assert boxes.count() == items.count() == 10
    for n in range(boxes.count()):
        box = boxes.nth(n)
        assert box.is_enabled()
        text = re.sub(r"\s+", " ", items.nth(n).inner_text()).strip()
        assert page.get_by_role("checkbox", name=text, exact=True).count() == 1, text
    assert page.locator(".task-list-control[aria-hidden]").count() == 0
    assert count_text(page) == "0 av 10 krysset av"


def test_ticks_survive_a_reload_and_are_kept_per_page(page, base_url: str) -> None:
    open_page(page, base_url)
    # A click on the drawn box, where the pointer sees it, and one on an item's text.
    page.locator(".km-checklist li.task-list-item").first.scroll_into_view_if_needed()
    box = page.eval_on_selector(
        ".km-checklist li.task-list-item",
        """li => { const r = li.getBoundingClientRect();
                   const em = parseFloat(getComputedStyle(li).fontSize);
                   return [r.left - 0.875 * em, r.top + 0.775 * em]; }""",
    )  # the middle of the drawn box (Material: 1.25em wide, 1.5em left of the text)
    page.mouse.click(*box)
    toggle(page, 2)
    assert ticked(page)[:4] == [True, False, True, False]
    assert count_text(page) == "2 av 10 krysset av"
    page.reload()
    wait_js(page, "() => document.documentElement.dataset.kmChecklists === 'ready'")
    assert ticked(page)[:4] == [True, False, True, False]
    records = stored(page)
    assert list(records) == ["km:1:/:checklist:practice/own-load/"]
    record = records["km:1:/:checklist:practice/own-load/"]
    assert set(record) == {"format", "page", "title", "updated", "checked"}
    assert record["format"] == 1
    assert record["page"] == "practice/own-load/"
    assert record["title"] == "Lederens egen belastning"
    assert len(record["checked"]) == 2
    # Another page, and the same page in English, have their own ticks.
    open_page(page, base_url, "/en" + PAGE)
    assert ticked(page) == [False] * 10
    toggle(page, 9)
    assert set(stored(page)) == {
        "km:1:/:checklist:practice/own-load/",
        "km:1:/:checklist:en/practice/own-load/",
    }
    open_page(page, base_url, "/practice/accommodation/")
    assert not any(ticked(page))
    # Unticking the last box stores nothing at all for that page.
    open_page(page, base_url, "/en" + PAGE)
    toggle(page, 9)
    assert set(stored(page)) == {"km:1:/:checklist:practice/own-load/"}


def test_clear_and_undo(page, base_url: str) -> None:
    open_page(page, base_url)
    for n in (1, 3, 5):
        toggle(page, n)
    before = stored(page)
    page.click("[data-km-checklist-clear]")
    notice = '[data-km-checklist="checklist"] [data-km-notice]'
    assert page.inner_text(f"{notice} p").startswith(CHECKLIST["nb"]["cleared"])
    assert not any(ticked(page))
    assert stored(page) == {}
    assert count_text(page) == "0 av 10 krysset av"
    page.click(f'{notice} [data-km-action="undo"]')
    assert [n for n, on in enumerate(ticked(page)) if on] == [1, 3, 5]
    after = stored(page)
    assert [r["checked"] for r in after.values()] == [r["checked"] for r in before.values()]
    page.reload()
    wait_js(page, "() => document.documentElement.dataset.kmChecklists === 'ready'")
    assert [n for n, on in enumerate(ticked(page)) if on] == [1, 3, 5]


def test_damaged_storage_is_removed_with_a_notice(page, base_url: str) -> None:
    open_page(page, base_url)
    key = "km:1:/:checklist:practice/own-load/"
    for damaged in ("{not json", json.dumps({"checked": "all"})):
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, damaged])
        page.reload()
        wait_js(page, "() => document.documentElement.dataset.kmChecklists === 'ready'")
        assert page.inner_text("[data-km-checklist] [data-km-notice]") == CHECKLIST["nb"]["damaged"]
        assert stored(page) == {}
        assert not any(ticked(page))


def test_ticks_you_cannot_see_now_are_kept(page, base_url: str) -> None:
    """An id that matches no item (the item was reworded since) is kept, not dropped."""
    open_page(page, base_url)
    key = "km:1:/:checklist:practice/own-load/"
    record = {"format": 1, "page": "practice/own-load/", "title": "x", "checked": ["old-item"]}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, json.dumps(record)])
    page.reload()
    wait_js(page, "() => document.documentElement.dataset.kmChecklists === 'ready'")
    toggle(page, 0)
    checked = stored(page)[key]["checked"]
    assert checked[0] == "old-item" and len(checked) == 2


def test_keyboard_only(page, base_url: str) -> None:
    open_page(page, base_url)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[data-km-check]')"):
            break
    first = page.evaluate("document.activeElement.dataset.kmCheck")
    assert first == page.locator(BOXES).nth(0).get_attribute("data-km-check")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert ticked(page)[:3] == [True, False, True]
    # The focus ring is drawn on the visible box (the real one is transparent).
    outline = page.evaluate(
        """getComputedStyle(document.activeElement.nextElementSibling, '::before').outlineStyle"""
    )
    assert outline == "solid"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-km-checklist-clear')"):
            break
    page.keyboard.press("Enter")
    assert not any(ticked(page))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.kmAction") == "undo"
    page.keyboard.press("Enter")
    assert ticked(page)[:3] == [True, False, True]


def test_print_view_shows_only_the_checklist(browser, base_url: str) -> None:
    context = browser.new_context()
    context.add_init_script("window.print = () => { window.kmPrinted = true; };")
    page = context.new_page()
    open_page(page, base_url, "/practice/across-services/")
    toggle(page, 0)
    page.click("[data-km-checklist-print]")
    assert page.evaluate("window.kmPrinted")
    page.emulate_media(media="print")
    assert page.is_visible("h2#checklist")
    visible = page.locator(".km-checklist li.task-list-item:visible").count()
    assert visible == page.locator(BOXES).count() == 14
    assert page.locator(".km-checklist p strong:visible").count() >= 3  # its own subheadings
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "h1", "h2#summary",
                     "[data-km-checklist-print]", "[data-km-checklist-clear]"):  # fmt: skip
        assert page.is_hidden(selector), selector
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.is_visible("h1") and page.is_visible("h2#summary")
    assert page.is_hidden("[data-km-checklist-print]")  # the page's own print: no buttons
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_axe_on_a_checklist(browser, base_url: str, lang: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    open_page(page, base_url, ("/en" if lang == "en" else "") + PAGE)
    assert page.get_attribute("body", "data-md-color-scheme") == (
        "slate" if scheme == "dark" else "default"
    )
    toggle(page, 0)
    page.locator(BOXES).nth(1).focus()
    page.click("[data-km-checklist-clear]")  # the notice with its undo button shows too
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("path", [PAGE, "/en/practice/accommodation/", "/instructors/debriefing/"])
def test_a_page_with_a_checklist_and_no_form_loads_no_runtime(page, base_url: str, path) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    open_page(page, base_url, path)
    toggle(page, 0)
    toggle(page, 0)
    assert page.locator("form[data-assessment], [data-km-deadlines]").count() == 0
    assert [u for u in urls if re.search(r"pyodide|widget\.js|worker\.mjs|\.py$", u)] == []
    assert any(u.endswith("/assets/km/checklists.js") for u in urls)


def test_pages_without_a_checklist_load_no_checklist_script(page, base_url: str) -> None:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    for path in ("/", "/theory/mastery/", "/en/glossary/"):
        page.goto(base_url + path)
    assert [u for u in urls if "checklists.js" in u] == []
    assert page.locator("#km-checklist-config").count() == 0


def test_the_planner_page_has_both_features(page, base_url: str) -> None:
    open_page(page, base_url, "/practice/absence-follow-up/")
    assert page.locator(BOXES).count() == 6
    assert page.locator("[data-km-deadlines]").count() == 1
    # The jump links at the top lead to both.
    # (The theme's instant navigation writes links out in full: compare their sections.)
    links = page.eval_on_selector_all(
        ".md-content a[href]", "els => els.map(e => new URL(e.href).hash)"
    )
    assert "#deadline-planner" in links and "#checklist" in links
