"""Sentences of the core that the GUI shows in its language: a template and its values, Qt-free.

The core (plan checks, goals, file checks) writes its sentences in English with the case's values
in them. To let the workstation translate one, the core marks its template and keeps the values
apart::

    Msg(QT_TRANSLATE_NOOP("CheckMessages", "plan '{plan}' states no prescription"), plan=ctx.label)

A :class:`Msg` *is* the English sentence (a ``str``: ``template.format(**params)``), so JSON, CSV,
the command line and every caller that treats it as text keep the English. ``pyside6-lupdate``
finds the ``QT_TRANSLATE_NOOP("Context", "template")`` calls in the files listed in
``tools/update_translations.py``; the GUI (``plannerview.ui.i18n.say``) translates the template and
fills the values in, numbers with the language's decimal separator. Values (DICOM names, units,
metric expressions, TG-263 names) are never translated. Sentences made of clauses are
:meth:`Msg.joined` of whole clauses, each translated on its own.

Placeholders are named, with an optional format spec (``{dose:.2f}``); a tuple or list value is
written as its items joined by ", " (by "; " with a decimal comma), each with the spec
(``{levels:g}`` -> ``60, 54.5``; French ``60; 54,5``).
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Callable, Iterable, Mapping
from typing import Any


class Template(str):
    """A marked template: the text, plus the translation context it was marked in."""

    context: str

    def __new__(cls, context: str, text: str) -> Template:
        obj = super().__new__(cls, text)
        obj.context = context
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Template, (self.context, str(self)))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Template:  # noqa: N802 - the name pyside6-lupdate looks for
    """Mark ``source`` for translation in ``context`` (``pyside6-lupdate`` collects it); returns the
    text unchanged (a ``str`` that remembers its context)."""
    return Template(context, source)


#: the separators of joined clauses and of lists of messages (Chinese writes "；" and "、")
CLAUSES = QT_TRANSLATE_NOOP("CheckMessages", "; ")
LIST = QT_TRANSLATE_NOOP("CheckMessages", ", ")
OR = QT_TRANSLATE_NOOP("CheckMessages", " or ")


class ValueFormatter(string.Formatter):
    """``str.format`` with a choice of decimal separator for numbers and a hook for nested messages;
    sequences are written as their items joined by ", "."""

    def __init__(self, decimal_point: str = ".", nested: Callable[[str], str] = str) -> None:
        super().__init__()
        self.decimal_point = decimal_point
        self.nested = nested

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, list | tuple):  # "; " between numbers written with a decimal comma
            sep = "; " if self.decimal_point == "," else ", "
            return sep.join(self.format_field(v, format_spec) for v in value)
        if isinstance(value, str):
            return format(self.nested(value), format_spec)
        text = format(value, format_spec)
        if self.decimal_point != "." and isinstance(value, numbers.Real) and not isinstance(value, bool):
            if "," in format_spec:  # thousands grouped with a comma: a narrow space where the comma is decimal
                text = text.replace(",", "\u202f")
            text = text.replace(".", self.decimal_point)
        return text


_ENGLISH = ValueFormatter()


class Msg(str):
    """A sentence of the core: its English text (the ``str`` value), the ``template`` and
    ``context`` it was made from and its ``params``; or whole clauses joined (``parts``, ``sep``)."""

    template: str
    context: str
    params: dict[str, Any]
    parts: tuple[str, ...]
    sep: str

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        obj = super().__new__(cls, _ENGLISH.vformat(template, (), params))
        obj.template = str(template)
        obj.context = getattr(template, "context", "")
        obj.params = dict(params)
        obj.parts = ()
        obj.sep = ""
        return obj

    @classmethod
    def joined(cls, parts: Iterable[str], sep: str = CLAUSES) -> Msg:
        """Whole clauses (messages or plain text) written one after the other, ``sep`` between
        (:data:`CLAUSES`, :data:`LIST`, :data:`OR`: translated too; any other text as it is)."""
        items = tuple(parts)
        obj = str.__new__(cls, sep.join(items))
        obj.template = ""
        obj.context = ""
        obj.params = {}
        obj.parts = items
        obj.sep = sep
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.context, self.params, self.parts, self.sep))


def _rebuild(template: str, context: str, params: Mapping[str, Any], parts: tuple[str, ...], sep: str) -> Msg:
    if parts or not template:
        return Msg.joined(parts, sep)
    return Msg(Template(context, template) if context else template, **params)


def render(text: str, lookup: Callable[[str, str], str], decimal_point: str = ".") -> str:
    """``text`` in another language: a :class:`Msg`'s template looked up with ``lookup(context,
    template)`` (``QCoreApplication.translate`` in the GUI) and filled with its values (numbers
    with ``decimal_point``); clauses of a joined message each rendered; a plain ``str`` as it is."""
    if not isinstance(text, Msg):
        return text

    def nested(value: str) -> str:
        return render(value, lookup, decimal_point)

    if text.parts or not text.template:
        sep = text.sep
        sep = lookup(sep.context, sep) if isinstance(sep, Template) and sep.context else nested(sep)
        return sep.join(nested(p) for p in text.parts)
    template = lookup(text.context, text.template) if text.context else text.template
    try:
        return ValueFormatter(decimal_point, nested).vformat(template, (), text.params)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English rather than nothing
        return str(text)


__all__ = ["CLAUSES", "LIST", "OR", "QT_TRANSLATE_NOOP", "Msg", "Template", "ValueFormatter", "render"]
