"""What may stay untranslated in the Chinese workstation (issue 17's never-translated list).

A text the Chinese window shows passes when, after removing the case's own values (DICOM data,
file names, UIDs, protocol and plugin names, the core's English messages), every remaining Latin
word is a unit, a metric expression, a DICOM keyword or abbreviation, or a name listed below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: units, never translated (issue 17)
UNITS = {"Gy", "cGy", "Gy(RBE)", "RBE", "cc", "mm", "cm", "MU", "HU", "MeV", "u", "U", "deg", "s", "px", "fx", "Gy/fx"}
#: DICOM and field abbreviations read the same in every language
ABBREVIATIONS = {
    "ID", "UID", "DICOM", "CT", "MR", "MRI", "PT", "PET", "RT", "RTPLAN", "RTSTRUCT", "RTDOSE",
    "RTIMAGE", "REG", "SR", "TPS", "PNG", "PDF", "TG", "QUANTEC", "RTOG", "SBRT",
    "IMRT", "VMAT", "IMPT", "EQD2", "SSD", "MLC", "A", "B", "x", "y", "z", "L", "R", "P", "S", "I", "H", "F",
    "OAR", "PTV", "CTV", "GTV", "ITV", "BODY", "EXTERNAL", "PLAN", "FRACTION", "BEAM",
    "HFS", "FFS", "HFP", "FFP", "HFDL", "HFDR", "FFDL", "FFDR",  # DICOM patient positions
    "MULTI_PLAN", "PHYSICAL", "EFFECTIVE", "ERROR", "APPROVED", "UNAPPROVED", "REJECTED", "sha256", "inf",
    "plannerview", "Qt", "xor", "keyhole", "zip", "dcm", "png", "pdf", "yaml", "e",
    "Eclipse", "plastimatch", "dicompyler-core", "OR",
    # engines, their makers and their models' abbreviations (names, not words)
    "MCsquare", "pyRadPlan", "UCLouvain", "UCL", "Toshiba", "Monte", "Carlo", "PBS", "BDL", "MV", "LEM",
    # web words of the consult plugin's settings
    "URL", "https", "CA", "DICOMweb", "Orthanc",
    # keys named on the keyboard
    "Enter", "Ctrl", "Shift", "Alt", "Esc", "Escape", "Backspace", "Tab", "PgUp", "PgDown",
}
#: report and standard numbers: TG-263, ICRU 83
STANDARD = re.compile(r"^(TG|ICRU|AAPM|IEC)-?\d*$")
#: DICOM names made of several words; identifiers a user types into a plugin's parameter (like
#: command-line flags: values, file names, setting names) and an example address
PHRASES = ("SOP Instance UID", "RT Ion Plan", "auto", "generic", "water-linear", "pyradplan-hlut", "generic-DN",
           "generic-UN", "bdl_file", "hu_material_file", "HU_Density_Conversion.txt", "HU_Material_Conversion.txt",
           "<python prefix>/share/plannerview-dose", "https://hub.example.org:8443", "URL/dicom-web")
#: metric expressions (D95%, V20Gy[cc], Dmean, D2cc, V95%[%] ...)
METRIC = re.compile(r"^(D|V)(min|max|mean|median|\d+(\.\d+)?(%|cc|Gy)?)(\[(%|cc|Gy)\])?$|^(Dmin|Dmax|Dmean|Dmedian)$")
#: each language's own name, written in that language in the language menu
LANGUAGE_NAMES = {"English", "Français", "简体中文", "System language"}
#: texts that are data on purpose (the default label written into a new RTSTRUCT: DICOM SH, kept ASCII)
DATA_TEXTS = {"manual edit", "RS_edited.dcm", "plannerview.png"}


def allowed_word(word: str) -> bool:
    w = word.strip("'’-")
    return (not w or w in UNITS or w in ABBREVIATIONS or bool(METRIC.match(w)) or w.upper() in ABBREVIATIONS
            or bool(STANDARD.match(w)))


def case_values(case: object) -> set[str]:
    """Every value of the loaded case a window may show as it is in the files."""
    vals: set[str] = set()

    def add(*xs: object) -> None:
        for x in xs:
            if isinstance(x, str) and x.strip():
                vals.add(x.strip())
                vals.add(x.replace("^", " ").strip())

    from pathlib import Path

    for o in getattr(case, "objects", ()):
        pat = getattr(o, "patient", None)
        if pat is not None:
            add(pat.name, pat.id)
        add(getattr(o, "label", None), getattr(o, "name", None), getattr(o, "description", None),
            getattr(o, "modality", None), getattr(o, "sop_uid", None), getattr(o, "series_uid", None),
            getattr(o, "study_uid", None), getattr(o, "frame_of_reference_uid", None),
            getattr(o, "approval", None), getattr(o, "summation_type", None), getattr(o, "dose_type", None),
            getattr(o, "patient_position", None), getattr(o, "unit_label", None), getattr(o, "intent", None))
        f = getattr(o, "file", None)
        if f:
            add(str(f), Path(f).name)
        for roi in getattr(o, "rois", ()) or ():
            add(roi.name, roi.interpreted_type)
        for b in getattr(o, "beams", ()) or ():
            add(b.name, getattr(b, "radiation_type", None), getattr(b, "treatment_delivery_type", None),
                getattr(b, "energy_label", None))
        for d in getattr(o, "dose_references", ()) or ():
            add(d.description, d.type, d.structure_type)
    for f in getattr(case, "findings", ()):  # a marked finding is translated: only its values are data
        add(*message_values(f.message), f.code, str(f.file), Path(str(f.file)).name)
    return vals


def message_values(text: str) -> set[str]:
    """What a sentence of the core shows as it is: a marked sentence's text values (ROI, plan and beam
    names, UIDs ...; its own words are translated), a joined one's parts', an unmarked text whole."""
    from plannerview.model.text import Msg

    if not isinstance(text, Msg):
        return {text}
    if text.parts or not text.template:
        return {v for p in text.parts for v in message_values(p)}
    if not text.context:  # words-free glue ("{beam} {energy:.1f} MeV/u"): its values
        return {v for p in text.params.values() if isinstance(p, str) for v in message_values(p)}
    return {v for p in text.params.values() if isinstance(p, str) for v in
            (message_values(p) if isinstance(p, Msg) else {p})}


def strip_values(text: str, values: Iterable[str]) -> str:
    """``text`` without the given values (longest first, whole words only), so only its own words remain."""
    text = " ".join(text.split())
    for v in sorted({" ".join(v.split()) for v in values}, key=len, reverse=True):
        if len(v) >= 2 and v in text:
            left = r"(?<![A-Za-z0-9_])" if v[0].isalnum() else ""
            right = r"(?![A-Za-z0-9_])" if v[-1].isalnum() else ""
            text = re.sub(left + re.escape(v) + right, " ", text)
    text = re.sub(r"\b\d+(x\d+)+\b", " ", text)  # grid sizes: 167x167x129
    text = re.sub(r"\b\d+([.,]\d+)?e[+-]?\d+\b", " ", text)  # numbers in scientific notation: 1e-06
    return re.sub(r"\b[0-9a-f]{12,}\b", " ", text)  # hashes


def foreign_words(text: str, values: Iterable[str]) -> list[str]:
    """The Latin words of ``text`` that are neither data nor on the never-translated list."""
    if text.strip() in DATA_TEXTS:
        return []
    rest = strip_values(text, [*values, *PHRASES])
    rest = re.sub(r"\(&[A-Za-z0-9]\)", "", rest).replace("&&", "&")  # Chinese menus: 文件(&F)
    rest = re.sub(r"&(?=[A-Za-z0-9])", "", rest)  # other mnemonics
    rest = re.sub(r"(?<![A-Za-z0-9])3D(?![A-Za-z0-9])", " ", rest)  # the 3D view's name, as in Chinese UIs
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_'’\-()\[\]%]*", rest) if not allowed_word(_clean(w))]


def _clean(w: str) -> str:
    """A word without trailing punctuation, keeping metric brackets (V20Gy[cc]) and Gy(RBE)."""
    if w in ("Gy(RBE)",) or METRIC.match(w):
        return w
    return re.sub(r"[()\[\]%,;:.]+$", "", re.sub(r"^[()\[\]]+", "", w))


CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))
