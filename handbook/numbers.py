"""How the handbook writes a number, in one rule for every place that shows one.

The rule: at most two decimals, rounded half away from zero on the number's exact (binary)
value; trailing zeros dropped (3.50 → "3,5", 4.0 → "4"); Norwegian uses a decimal comma and the
minus sign U+2212, English a point and a hyphen-minus; no thousands separator. JavaScript's
``Number.prototype.toFixed`` rounds the same way (``site_overrides/assets/km/format.js``), and
both sides are tested against one table of cases (``tests/fixtures/numbers.json``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"


def format_number(value: int | float, lang: str) -> str:
    """``value`` as the page shows it in ``lang`` (``nb`` or ``en``)."""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(abs(rounded), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if rounded < 0 and text != "0":
        text = "-" + text
    if lang == "en":
        return text
    return text.replace(".", ",").replace("-", MINUS)
