"""Calendar file (RFC 5545 iCalendar) for the deadline planner: a plan in, ``.ics`` text out.

Pure standard library, like ``deadlines`` and ``scoring``: it runs unchanged in CPython 3.11 and
in Pyodide, does nothing at import time and keeps no state. It does not import ``deadlines``:
it takes the plan that ``deadlines.plan`` (or ``deadlines_json``) returned, as plain data, so
the browser's worker can pass the plan it already shows.

What it writes (RFC 5545; §-numbers are the RFC's):

* ``BEGIN:VCALENDAR``, ``VERSION:2.0``, ``PRODID``, ``CALSCALE:GREGORIAN``; one ``VEVENT`` per
  milestone with ``UID`` (the milestone id and date, ``@`` a reserved, never-registered domain,
  so the same milestone imported twice updates the first copy), ``DTSTAMP`` (UTC, passed in so
  the output is reproducible), an all-day ``DTSTART;VALUE=DATE`` and ``DTEND;VALUE=DATE`` the
  next day (§3.6.1: DTEND is exclusive), ``SUMMARY``, ``DESCRIPTION`` and
  ``TRANSP:TRANSPARENT`` (a deadline does not make you busy).
* Text values escaped per §3.3.11: ``\\`` → ``\\\\``, ``;`` → ``\\;``, ``,`` → ``\\,``, a newline
  → ``\\n``; other control characters are dropped.
* Every line ends in CRLF and is folded so that no line is longer than 75 octets (§3.1); a fold
  never splits a UTF-8 character, and a continuation line starts with one space.

Nothing personal exists to write: the plan holds only dates and the handbook's own texts.

Request to ``ics_json``: ``{"plan": PLAN, "lang": "nb"|"en", "dtstamp": UTC, "base_url"?: URL}``
where ``dtstamp`` is ``2026-11-25T10:20:30Z`` (fractions allowed, as JavaScript's
``toISOString`` writes it) or ``20261125T102030Z``, and ``base_url`` (optional) is the site's
address for the language, ending in ``/``, to put a link to the toolkit step in each event.
Answer ``{"ics": TEXT, "filename": NAME}`` or ``{"error": message, "code": code}``.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from typing import Any

LANGS = ("nb", "en")
UID_DOMAIN = "krav-og-mestring.invalid"  # RFC 2606 reserves .invalid: it can never collide
MAX_OCTETS = 75
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_STAMP = re.compile(
    r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})T([0-9]{2}):?([0-9]{2}):?([0-9]{2})(?:\.[0-9]{1,9})?Z"
)
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BASE_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+/")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "prodid": "-//Krav og mestring//Fristplanlegger//NB",
        "summary": "Sykefravær: {title}",
        "law": "Lov",
        "note": "Merk",
        "first_day": "Første fraværsdag (dag 1)",
        "read_more": "Les mer",
        "filename": "sykefravaer-frister-{first_day}.ics",
    },
    "en": {
        "prodid": "-//Krav og mestring//Deadline planner//EN",
        "summary": "Sick leave: {title}",
        "law": "Law",
        "note": "Note",
        "first_day": "First day of absence (day 1)",
        "read_more": "Read more",
        "filename": "sick-leave-deadlines-{first_day}.ics",
    },
}


class IcsError(ValueError):
    """A request or plan the calendar cannot be made from; ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def escape_text(value: str) -> str:
    """An iCalendar TEXT value (RFC 5545 §3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 5545 §3.1) without splitting a character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n".join(parts)


def content_lines(lines: list[str]) -> str:
    """Fold every line and end each with CRLF."""
    return "".join(fold(line) + "\r\n" for line in lines)


def law_label(law: list[dict[str, str]]) -> str:
    """``[{aml, § 4-6 (3)}, {aml, § 2-3 (2) f}, {ftrl, § 25-2}]`` →
    ``aml. § 4-6 (3), § 2-3 (2) f; ftrl. § 25-2`` (the handbook's way of citing)."""
    groups: list[list[str]] = []
    last = None
    for ref in law:
        if ref["act"] != last:
            groups.append([f"{ref['act']}."])
            last = ref["act"]
        groups[-1].append(ref["section"])
    return "; ".join(f"{g[0]} {', '.join(g[1:])}" for g in groups)


def _basic(day: date) -> str:
    """``20260329``: the DATE form (§3.3.4), without strftime, whose ``%Y`` varies by platform."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def utc_stamp(value: Any) -> str:
    """``2026-11-25T10:20:30.123Z`` or ``20261125T102030Z`` → ``20261125T102030Z``."""
    match = _STAMP.fullmatch(value) if isinstance(value, str) else None
    if not match:
        raise IcsError(
            "bad-dtstamp",
            '"dtstamp" must be a UTC time such as 2026-11-25T10:20:30Z or 20261125T102030Z',
        )
    try:
        stamp = datetime(*(int(part) for part in match.groups()[:6]))
    except ValueError:
        raise IcsError("bad-dtstamp", '"dtstamp" is not a real date and time') from None
    return f"{_basic(stamp.date())}T{match[4]}{match[5]}{match[6]}Z"


def page_url(base_url: str, link: str) -> str:
    """``practice/absence-follow-up.md#timeline`` → ``BASE/practice/absence-follow-up/#timeline``
    (the site uses directory URLs)."""
    path, _, anchor = link.partition("#")
    path = path.removesuffix(".md")
    path = "" if path == "index" else path.removesuffix("/index") + "/"
    return base_url + path + (f"#{anchor}" if anchor else "")


def _field(obj: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(obj, dict) or key not in obj:
        raise IcsError("bad-plan", f'{where} has no "{key}"')
    value = obj[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise IcsError("bad-plan", f"{where}.{key} has the wrong type")
    return value


def _text(obj: Any, key: str, lang: str, where: str) -> str:
    value = _field(obj, key, dict, where)
    if not isinstance(value.get(lang), str):
        raise IcsError("bad-plan", f'{where}.{key} has no "{lang}" text')
    return value[lang]


def _date(text: str, where: str) -> date:
    match = _DATE.fullmatch(text)
    try:
        if match:
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise IcsError("bad-plan", f"{where} is not a date written YYYY-MM-DD")


def event_lines(
    milestone: Any, first_day: str, lang: str, dtstamp: str, base_url: str | None, where: str
) -> list[str]:
    """The content lines of one VEVENT, unfolded."""
    words = WORDS[lang]
    mid = _field(milestone, "id", str, where)
    if not _ID.fullmatch(mid):
        raise IcsError("bad-plan", f"{where}.id must be letters, digits and hyphens")
    day = _date(_field(milestone, "date", str, where), f"{where}.date")
    law = _field(milestone, "law", list, where)
    for n, ref in enumerate(law):
        _field(ref, "act", str, f"{where}.law[{n}]")
        _field(ref, "section", str, f"{where}.law[{n}]")
    description = [
        _text(milestone, "when", lang, where),
        _text(milestone, "action", lang, where),
        f"{words['law']}: {law_label(law)}",
    ]
    if _field(milestone, "caveat", (dict, type(None)), where) is not None:
        mark = "⚠️" if _field(milestone, "uncertain", bool, where) else f"{words['note']}:"
        description.append(f"{mark} {_text(milestone, 'caveat', lang, where)}")
    description.append(f"{words['first_day']}: {first_day}")
    if base_url is not None:
        link = page_url(base_url, _field(milestone, "link", str, where))
        description.append(f"{words['read_more']}: {link}")
    title = _text(milestone, "title", lang, where)
    return [
        "BEGIN:VEVENT",
        f"UID:{mid}-{_basic(day)}@{UID_DOMAIN}",
        f"DTSTAMP:{dtstamp}",
        f"DTSTART;VALUE=DATE:{_basic(day)}",
        f"DTEND;VALUE=DATE:{_basic(day + timedelta(days=1))}",
        f"SUMMARY:{escape_text(words['summary'].format(title=title))}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def plan_ics(plan: Any, lang: str, dtstamp: str, base_url: str | None = None) -> str:
    """The whole calendar for a plan from ``deadlines.plan``; raises IcsError."""
    if lang not in LANGS:
        raise IcsError("bad-lang", f'"lang" must be "nb" or "en", got {json.dumps(lang)}')
    stamp = utc_stamp(dtstamp)
    if base_url is not None and (
        not isinstance(base_url, str) or not _BASE_URL.fullmatch(base_url)
    ):
        raise IcsError("bad-base-url", '"base_url" must be an http(s) address ending in "/"')
    first_day = _field(plan, "first_day", str, "plan")
    _date(first_day, "plan.first_day")
    milestones = _field(plan, "milestones", list, "plan")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{WORDS[lang]['prodid']}"]
    lines.append("CALSCALE:GREGORIAN")
    for n, milestone in enumerate(milestones):
        lines += event_lines(milestone, first_day, lang, stamp, base_url, f"plan.milestones[{n}]")
    lines.append("END:VCALENDAR")
    return content_lines(lines)


def ics_json(request_json: str) -> str:
    """String in, string out, for the browser's worker; errors come as ``{"error", "code"}``."""
    try:
        if not isinstance(request_json, str):
            raise IcsError("bad-json", "the request must be JSON text")
        try:
            request = json.loads(request_json)
        except (ValueError, RecursionError):
            raise IcsError("bad-json", "the request is not valid JSON") from None
        if not isinstance(request, dict):
            raise IcsError("bad-request", 'the request must be an object with "plan", "lang" …')
        for key in request:
            if key not in ("plan", "lang", "dtstamp", "base_url"):
                shown = json.dumps(key[:40], ensure_ascii=False)
                raise IcsError("unknown-key", f"unknown key {shown}: the calendar takes only "
                               '"plan", "lang", "dtstamp" and "base_url"')  # fmt: skip
        for key in ("plan", "lang", "dtstamp"):
            if key not in request:
                raise IcsError(f"missing-{key}", f'missing "{key}"')
        lang = request["lang"]
        text = plan_ics(request["plan"], lang, request["dtstamp"], request.get("base_url"))
        name = WORDS[lang]["filename"].format(first_day=request["plan"]["first_day"])
        return json.dumps({"ics": text, "filename": name}, ensure_ascii=False)
    except IcsError as exc:
        return json.dumps({"error": str(exc), "code": exc.code}, ensure_ascii=False)
