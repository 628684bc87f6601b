"""Wording model messages: every :class:`geo.core.messages.Message` becomes a sentence here,
through Qt's translation (context ``"messages"``), for the window and the command line alike
(``QCoreApplication.translate`` needs no window)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.base.i18n import month_label
from geo.core.messages import FORMATTERS, Message

CONTEXT = "messages"


def _translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


_FORMATTERS = dict(FORMATTERS, _ym=lambda v: month_label(int(v)))


def word(m) -> str:
    """A message (or a plain string, passed through) as a sentence in the interface language."""
    if m is None:
        return ""
    if isinstance(m, Message):
        return m.word(_translate, _FORMATTERS)
    return str(m)


def word_all(messages, sep: str = "\n") -> str:
    return sep.join(word(m) for m in messages)
