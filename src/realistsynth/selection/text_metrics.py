"""Text measurement for drawing SVG without a browser: advance widths of a Helvetica-metric
sans-serif font, and greedy word wrapping.

An SVG diagram has to know how wide its text will be to size its boxes, but a library cannot
ask a renderer. The widths below are the advance widths (per 1,000 units of the em) of
Liberation Sans, which is metric-compatible with Arial and Helvetica: text set in any of the
three, the font stack the diagrams ask for, takes exactly the width computed here. Characters
outside the table are measured as a wide letter, so an unknown script over-estimates (the box
grows) rather than overflows.
"""

from __future__ import annotations

__all__ = ["text_width", "wrap"]

#: the characters both width tables cover, in table order (the bold face covers the same set)
_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ["
    "\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\xa0¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸"
    "¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóô"
    "õö÷øùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİ"
    "ıĲĳĴĵĶķĸĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬ"
    "ŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſ–—‘’“”…•≥≤→"
)
_REGULAR_WIDTHS = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584 278 333 556 556 556 556 260 556 333 737 370 556 584 333 737 "
    "552 400 549 333 333 333 576 537 333 333 333 365 556 834 834 834 611 667 667 667 667 667 "
    "667 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 778 778 778 584 778 722 722 "
    "722 722 667 667 611 556 556 556 556 556 556 889 500 556 556 556 556 278 278 278 278 556 "
    "556 556 556 556 556 556 549 611 556 556 556 556 500 556 500 667 556 667 556 667 556 722 "
    "500 722 500 722 500 722 500 722 615 722 556 667 556 667 556 667 556 667 556 667 556 778 "
    "556 778 556 778 556 778 556 722 556 722 556 278 278 278 278 278 278 278 222 278 278 735 "
    "444 500 222 667 500 500 556 222 556 222 556 292 556 334 556 222 722 556 722 556 722 556 "
    "604 723 556 778 556 778 556 778 556 1000 944 722 333 722 333 722 333 667 500 667 500 667 "
    "500 667 500 611 278 611 375 611 278 722 556 722 556 722 556 722 556 722 556 722 556 944 "
    "722 667 500 667 611 500 611 500 611 500 222 556 1000 222 222 333 333 1000 350 549 549 1000 "
)
_BOLD_WIDTHS = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584 278 333 556 556 556 556 280 556 333 737 370 556 584 333 737 "
    "552 400 549 333 333 333 576 556 333 333 333 365 556 834 834 834 611 722 722 722 722 722 "
    "722 1000 722 667 667 667 667 278 278 278 278 722 722 778 778 778 778 778 584 778 722 722 "
    "722 722 667 667 611 556 556 556 556 556 556 889 556 556 556 556 556 278 278 278 278 611 "
    "611 611 611 611 611 611 549 611 611 611 611 611 556 611 556 722 556 722 556 722 556 722 "
    "556 722 556 722 556 722 556 722 719 722 611 667 556 667 556 667 556 667 556 667 556 778 "
    "611 778 611 778 611 778 611 722 611 722 611 278 278 278 278 278 278 278 278 278 278 785 "
    "556 556 278 722 556 556 611 278 611 278 611 385 611 479 611 278 722 611 722 611 722 611 "
    "708 723 611 778 611 778 611 778 611 1000 944 722 389 722 389 722 389 667 556 667 556 667 "
    "556 667 556 611 333 611 479 611 333 722 611 722 611 722 611 722 611 722 611 722 611 944 "
    "778 667 556 667 611 500 611 500 611 500 278 556 1000 278 278 500 500 1000 350 549 549 1000 "
)


def _table(chars: str, widths: str) -> dict[str, int]:
    return dict(zip(chars, (int(w) for w in widths.split()), strict=True))


_REGULAR = _table(_CHARS, _REGULAR_WIDTHS)
_BOLD = _table(_CHARS, _BOLD_WIDTHS)
#: width used for a character the table does not know (a capital M is 833)
_FALLBACK = 833


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in user units of ``text`` set at font ``size``.

    >>> text_width("Records", 10)
    37.23
    """
    table = _BOLD if bold else _REGULAR
    return round(sum(table.get(ch, _FALLBACK) for ch in text) * size / 1000, 3)


def _split_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, size, bold=bold) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (words longer than a line are split).

    >>> wrap("Records excluded with reasons", 90, 10)
    ['Records excluded', 'with reasons']
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size, bold=bold) <= width:
            current = word
        else:
            *full, current = _split_word(word, width, size, bold)
            lines.extend(full)
    if current:
        lines.append(current)
    return lines or [""]
