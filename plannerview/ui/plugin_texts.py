"""The words of the first-party plugins (plugins/plannerview-*): contribution titles and
descriptions, parameter labels and descriptions, as the workstation shows them.

A plugin's manifest is its own data, in English; for the plugins shipped with plannerview the
workstation shows these words in its language (``plugin_text``). ``tests/i18n`` fails when a
first-party plugin's word is missing here; a third-party plugin's words are shown as written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .i18n import QT_TRANSLATE_NOOP

TEXTS = frozenset((
    QT_TRANSLATE_NOOP("PluginTexts", 'Remote consult: de-identified sharing to an Orthanc hub, annotations as DICOM SR, two-way sync'),
    QT_TRANSLATE_NOOP("PluginTexts", 'server'),
    QT_TRANSLATE_NOOP("PluginTexts", "the hub's base URL, e.g. https://hub.example.org:8443 (DICOMweb at URL/dicom-web)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'ca'),
    QT_TRANSLATE_NOOP("PluginTexts", "CA certificate file to trust for an https hub (empty: the system's)"),
    QT_TRANSLATE_NOOP("PluginTexts", 'consult'),
    QT_TRANSLATE_NOOP("PluginTexts", 'share a de-identified case to a consult hub, annotate it, sync the annotations'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult sync'),
    QT_TRANSLATE_NOOP("PluginTexts", 'annotations to and from the consult hub, in the background'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult status'),
    QT_TRANSLATE_NOOP("PluginTexts", "the sync service's state: connected, items waiting, conflicts"),
    QT_TRANSLATE_NOOP("PluginTexts", 'Consult hub (DICOMweb)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'push: de-identify a case here and upload it (STOW-RS); pull: retrieve a shared study'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Automatic CT contours: external, lungs (left/right, airways removed), bones, air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Body (external)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'patient outline; couch and outside air excluded'),
    QT_TRANSLATE_NOOP("PluginTexts", 'body threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'tissue above this is patient (air and foam below)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'couch cut mm'),
    QT_TRANSLATE_NOOP("PluginTexts", 'structures thinner than twice this (couch, cables) are cut away'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Lungs (left, right)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'left and right lungs; trachea and main bronchi removed'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung tissue is below this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'airway hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'trachea and bronchi are grown below this (made stricter on leaks)'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min lung cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'smallest component counted as a lung'),
    QT_TRANSLATE_NOOP("PluginTexts", 'lung closing mm'),
    QT_TRANSLATE_NOOP("PluginTexts", 'in-plane closing radius that keeps vessels in the lungs'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Bones'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone by threshold, marrow filled'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone is above this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min bone cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'bone pieces smaller than this are dropped'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air inside the body outside the lungs'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air threshold hu'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air is below this'),
    QT_TRANSLATE_NOOP("PluginTexts", 'min air cc'),
    QT_TRANSLATE_NOOP("PluginTexts", 'air pockets smaller than this are dropped'),
    QT_TRANSLATE_NOOP("PluginTexts", 'Body, lungs, bones, air cavities'),
    QT_TRANSLATE_NOOP("PluginTexts", 'all automatic structures in one pass'),
))


def plugin_text(text: str) -> str:
    """A first-party plugin's word in the GUI's language; any other text as it is."""
    return QCoreApplication.translate("PluginTexts", text) if text in TEXTS else text


def param_label(name: str) -> str:
    """The label of a parameter in a plugin's form (its name with spaces)."""
    return plugin_text(name.replace("_", " "))
