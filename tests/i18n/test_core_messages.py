"""The core's sentences (plan checks' result lines, beam entry): English as before for the command
line and JSON, marked for translation, and shown translated with the language's decimal separator.

The translations are read from the ``.ts`` sources here (no Qt): the GUI test
(``tests/gui/test_i18n_gui.py``) shows them in the review panel through the compiled ``.qm``.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
import sys
from pathlib import Path

import pytest

from plannerview.model.findings import Finding
from plannerview.model.text import LIST, QT_TRANSLATE_NOOP, Msg, Template, render

from .allowed import foreign_words, has_cjk
from .ts_files import REPO, TS_DIR, read

DEMO = REPO / "resources" / "demo"
PLAN = "1.2.826.0.1.3680043.8.498.23431833208850014311932284643057063695"
FRAME = "1.2.826.0.1.3680043.8.498.74034310739088784951085565187632941234"
ENTRY = "beam {}: gantry {} deg, HFS: the plan dose enters where the beam does ({} % of the maximum at the entrance)"
#: the result lines of the demo plan Photon7F, as `plannerview check --json` wrote them before they were marked
PHOTON7F = {
    "prescription_consistency": "dose maximum 62.51 Gy = 125.0 % of 50 Gy",
    "dose_summation": "PLAN dose, maximum 62.51 Gy against Rx 50 Gy in 25 fx",
    "dose_grid_resolution": "dose grid 3 x 3 x 2.5 mm; conventional plan: at most 3 mm",
    "dose_grid_coverage": "the grid covers all 1 targets; the grid covers the body where the 7 beam directions enter",
    "mu_per_gy": "IMRT plan 'Photon7F': 2669.7 MU per fraction for 2 Gy/fx = 1335 MU/Gy (plausible 120-1000)",
    "energies_consistent": "all 7 treatment beams 6X",
    "zero_meterset_beams": "all 7 treatment beams have a meterset",
    "setup_beams": "plan 'Photon7F' has no setup or imaging beams",
    "isocenter_position": "isocentre (-1.7, -16.6, 0.1) mm of G000, G051, G103, G154, G206, G257, G309: 1.2 mm "
                          "from target 'OuterTarget'",
    "couch_structure": "beams 'G154' (gantry 154), 'G206' (gantry 206) pass through the couch (HFS) but structure "
                       "set 'TG119' has no couch/support ROI: its attenuation is not modelled",
    "tg263_names": "1 of 3 ROI names are TG-263; not standard but recognised: BODY -> Body; not recognised: "
                   "OuterTarget",
    "target_dose_references": "every target has a dose reference: OuterTarget: OuterTarget (50 Gy)",
    "empty_goal_rois": "1 ROIs used by dose references or goals all have contours: OuterTarget",
    "frame_of_reference": f"plan, structure set, dose, image share frame of reference {FRAME}",
    "registrations": "no secondary images on another frame of reference",
    "approval_status": "plan 'Photon7F' is UNAPPROVED: not yet approved in the planning system",
    "dose_plan_reference": f"the dose references plan 'Photon7F' ({PLAN})",
    "tps_dvh_agreement": "the dose stores no TPS DVHs",
    "ion_range_shifter_snout": "not an ion plan",
    "ion_spots_layers": "not an ion plan",
    "ion_rbe_dose": "not an ion plan",
    "beam_direction_dose_entry": "; ".join(ENTRY.format(*x) for x in (
        ("G000", 0, 49), ("G051", 51, 26), ("G103", 103, 38), ("G154", 154, 35), ("G206", 206, 37),
        ("G257", 257, 31), ("G309", 309, 25))),
}


@pytest.fixture(scope="module")
def photon7f():  # type: ignore[no-untyped-def]
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    import plannerview
    from plannerview.review.checks import make_context, run_checks

    case = plannerview.load([str(DEMO)])
    plan = next(p for p in case.plans if p.label == "Photon7F")
    return run_checks(make_context(case, plan))


def _translator(lang: str):  # type: ignore[no-untyped-def]
    """``QCoreApplication.translate`` without Qt: the .ts file's finished translations."""
    table = {(m.context, m.source): m.translation[0] for m in read(TS_DIR / f"plannerview_{lang}.ts") if m.finished}
    return lambda context, source: table.get((context, source), source)


def _english_templates(context: str = "CheckMessages") -> list[tuple[re.Pattern[str], str]]:
    """The English of the core's marked sentences in ``context`` with two words or more, as
    patterns ({x}: any text)."""
    out = []
    for m in read(TS_DIR / "plannerview_fr_FR.ts"):
        if m.context != context or len(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", m.source))) < 2:
            continue
        body = "".join(".+?" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[^}]*\})", m.source) if p)
        out.append((re.compile(body), m.source))
    return out


def _leaves(text: str) -> list[Msg]:
    """The sentences a message is made of (joined clauses and messages given as values)."""
    if not isinstance(text, Msg):
        return []
    if text.parts:
        return [leaf for p in text.parts for leaf in _leaves(p)]
    return [text, *(leaf for v in text.params.values() if isinstance(v, str) for leaf in _leaves(v))]


def test_check_json_keeps_the_english_of_before(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    from plannerview.cli.main import main

    assert main(["check", str(DEMO), "--plan", "Photon7F", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {c["id"]: c["message"] for c in doc["checks"]} == PHOTON7F


def test_every_result_line_of_the_demo_is_a_marked_sentence(photon7f) -> None:  # type: ignore[no-untyped-def]
    assert {r.id: str(r.message) for r in photon7f.results} == PHOTON7F
    for r in photon7f.results:
        assert isinstance(r.message, Msg), r.id
        for leaf in _leaves(r.message):
            words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", leaf.template))
            assert leaf.context == "CheckMessages" or not [w for w in words if w not in ("MeV",)], (r.id, leaf.template)


@pytest.mark.parametrize("lang", ["fr_FR", "zh_CN"])
def test_result_lines_in_french_and_chinese_keep_names_and_numbers(photon7f, lang: str) -> None:  # type: ignore[no-untyped-def]
    translate = _translator(lang)
    comma = "," if lang == "fr_FR" else "."
    english = _english_templates()
    for r in photon7f.results:
        shown = render(r.message, translate, comma)
        assert shown != str(r.message), (lang, r.id, shown)
        assert not [src for p, src in english if p.search(shown)], (lang, r.id, shown)
        if lang == "zh_CN":
            values = {v for leaf in _leaves(r.message) for v in leaf.params.values() if isinstance(v, str)}
            assert has_cjk(shown) and not foreign_words(shown, values), (r.id, shown)
    lines = {r.id: render(r.message, translate, comma) for r in photon7f.results}
    # DICOM values, units and numbers as they are, with the language's decimal separator
    assert f"62{comma}51 Gy" in lines["prescription_consistency"] and f"125{comma}0 %" in lines["prescription_consistency"]
    assert "Photon7F" in lines["mu_per_gy"] and "MU/Gy" in lines["mu_per_gy"] and f"2669{comma}7 MU" in lines["mu_per_gy"]
    assert "G154" in lines["couch_structure"] and "TG119" in lines["couch_structure"] and "HFS" in lines["couch_structure"]
    assert "BODY -> Body" in lines["tg263_names"] and "TG-263" in lines["tg263_names"]
    assert FRAME in lines["frame_of_reference"] and PLAN in lines["dose_plan_reference"]
    if lang == "fr_FR":  # coordinates with a decimal comma are separated by semicolons
        assert "(-1,7 ; -16,6 ; 0,1) mm" in lines["isocenter_position"]
        assert lines["approval_status"].startswith("le plan « Photon7F » est UNAPPROVED")
    else:
        assert "(-1.7, -16.6, 0.1) mm" in lines["isocenter_position"] and "等中心" in lines["isocenter_position"]
        assert "计划、结构集、剂量、图像" in lines["frame_of_reference"]


def test_msg_is_its_english_text_and_survives_pickling() -> None:
    m = Msg(QT_TRANSLATE_NOOP("CheckMessages", "target dose levels {levels:g} Gy"), levels=[60.0, 54.5])
    assert m == "target dose levels 60, 54.5 Gy" and isinstance(m, str)
    assert json.dumps({"message": m}) == '{"message": "target dose levels 60, 54.5 Gy"}'
    joined = Msg.joined([m, Msg(QT_TRANSLATE_NOOP("CheckMessages", "the dose stores no TPS DVHs")), "plain"])
    assert joined == "target dose levels 60, 54.5 Gy; the dose stores no TPS DVHs; plain"
    names = Msg.joined(["a", "b"], LIST)
    for x in (m, joined, names):
        back = pickle.loads(pickle.dumps(x))
        assert back == x and isinstance(back, Msg) and back.parts == x.parts and back.params == x.params
    assert isinstance(pickle.loads(pickle.dumps(names)).sep, Template)
    french = {("CheckMessages", "target dose levels {levels:g} Gy"): "niveaux de dose {levels:g} Gy",
              ("CheckMessages", "; "): " ; ", ("CheckMessages", ", "): "、"}

    def tr(context: str, source: str) -> str:
        return french.get((context, source), source)

    assert render(joined, tr, ",") == "niveaux de dose 60; 54,5 Gy ; the dose stores no TPS DVHs ; plain"
    assert render(names, tr, ",") == "a、b"
    assert render("a plain text 1.5", tr, ",") == "a plain text 1.5"
    broken = {("CheckMessages", "target dose levels {levels:g} Gy"): "niveaux {missing}"}
    assert render(m, lambda c, s: broken.get((c, s), s), ",") == str(m)  # a broken translation: the English


def _core_sources() -> list[Path]:
    sys.path.insert(0, str(REPO))
    from tools.update_translations import CORE_SOURCES

    return list(CORE_SOURCES)


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _unmarked_invalid_value(node: ast.Call) -> bool:
    """An invalid value's reason given as text: ``chk.error(keyword, "...")`` / ``chk.warn(...)`` (and
    the checker's own ``self.error``/``report``), or a ``Checker(f"... slice", ...)`` named in English."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in ("error", "warn") and isinstance(func.value, ast.Name) \
            and func.value.id in ("chk", "checker", "self"):
        said = [k.value for k in node.keywords if k.arg == "message"] or node.args[1:2]
        return bool(said) and _is_literal(said[0])
    if isinstance(func, ast.Name) and func.id == "report":
        return len(node.args) > 1 and _is_literal(node.args[1])
    if isinstance(func, ast.Name) and func.id == "Checker":  # "RTDOSE" (a DICOM name) is a value; sentences are not
        return isinstance(node.args[0], ast.JoinedStr)
    return False


def test_the_core_says_its_check_lines_with_marked_templates() -> None:
    """A check's line is ``Msg(QT_TRANSLATE_NOOP("CheckMessages", "..."), name=value)``: an f-string or a
    plain literal given to passed/warn/fail/not_applicable (or as a Msg's template with words) would be
    shown in English in the translated workstation."""
    bad = []
    checked = sorted({*_core_sources(), *(REPO / "plannerview" / "io").glob("*.py")})
    for path in checked:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            if _unmarked_invalid_value(node):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
            if not isinstance(node.func, ast.Name):
                continue
            first = node.args[0]
            literal = isinstance(first, ast.JoinedStr) or (isinstance(first, ast.Constant) and isinstance(first.value, str))
            if node.func.id in ("passed", "warn", "fail", "not_applicable") and literal:
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
            elif node.func.id == "Msg" and isinstance(first, ast.JoinedStr):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
            elif node.func.id in ("Refused", "Incomplete", "TooManyElements") and literal:
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
            elif node.func.id == "Finding":  # a finding's message: Finding(code, severity, message, ...)
                said = [k.value for k in node.keywords if k.arg == "message"] or node.args[2:3]
                if said and (isinstance(said[0], ast.JoinedStr)
                             or (isinstance(said[0], ast.Constant) and isinstance(said[0].value, str))):
                    bad.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not bad, "unmarked sentences of the core:\n" + "\n".join(bad)


@pytest.mark.parametrize("lang", ["fr_FR", "zh_CN"])
def test_the_protocol_choice_reason_in_french_and_chinese(lang: str) -> None:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    import plannerview
    from plannerview.review.loaders import list_protocols, load_protocol
    from plannerview.review.protocol_choice import choose_protocol

    case = plannerview.load([str(DEMO)])
    plan = next(p for p in case.plans if p.label == "ProtonIMPT")
    choice = choose_protocol([load_protocol(n) for n in list_protocols()], plan, case.structures_for(plan), "EFFECTIVE")
    assert choice.name == "tg119_cshape_proton"
    assert choice.reason == ("fits this proton plan (50 Gy in 25 fx): 25 fractions, 2 Gy per fraction, 50 Gy in total, "
                             "2 of its 2 ROIs found, limits in Gy(RBE) for an RBE-weighted dose")
    shown = render(choice.reason, _translator(lang), "," if lang == "fr_FR" else ".")
    if lang == "fr_FR":
        assert shown == ("convient à ce plan de protons (50 Gy en 25 fx) : 25 fractions, 2 Gy par fraction, 50 Gy au "
                         "total, 2 de ses 2 ROI trouvées, limites en Gy(RBE) pour une dose pondérée par la RBE")
    else:
        assert shown.startswith("适合此质子计划（50 Gy，25 fx）：25 分次、每分次 2 Gy") and not foreign_words(shown, ())


def test_the_dose_check_reasons_in_french_and_chinese() -> None:
    from types import SimpleNamespace

    from plannerview.review.dose_check import ActionLevels, _verdict

    verdict, reasons = _verdict({"3%/3mm": {"pass_rate_pct": 92.46}}, [{"name": "PTV_70", "dmean_diff_pct": -4.25}],
                                SimpleNamespace(name="PTV_70"), [], 4.5, "NONE", ActionLevels())  # type: ignore[arg-type]
    assert verdict == "review"
    assert reasons == ["gamma 3%/3mm 92.5 % is below 95 % (action level 90 %)",
                       "target PTV_70: mean dose differs by -4.2 %",
                       "statistical uncertainty 4.5 % in the target is above 3 %: Monte Carlo noise makes gamma pass "
                       "rates optimistic"]
    fr = [render(r, _translator("fr_FR"), ",") for r in reasons]
    assert fr[:2] == ["gamma 3%/3mm 92,5 % sous 95 % (niveau d'action 90 %)",
                      "volume cible PTV_70 : la dose moyenne diffère de -4,2 %"]
    zh = [render(r, _translator("zh_CN"), ".") for r in reasons]
    assert zh[1] == "靶区 PTV_70：平均剂量相差 -4.2 %" and all(has_cjk(z) and not foreign_words(z, ("PTV_70",)) for z in zh)


def test_a_preflight_finding_in_french_and_chinese() -> None:
    if not (DEMO / "RD_Photon7F.dcm").is_file():
        pytest.skip("resources/demo is not built")
    import plannerview

    case = plannerview.load([str(DEMO / "RD_Photon7F.dcm"), str(DEMO / "RS_TG119.dcm")])  # without its plan
    found = next(f for f in case.findings if f.code == "LINK_MISSING_REFERENCE")
    assert found.message == f"dose references plan {PLAN}, which is not in the input"
    assert found.to_json()["message"] == str(found.message)
    assert render(found.message, _translator("fr_FR"), ",") == f"la dose référence le plan {PLAN}, absent des données"
    assert render(found.message, _translator("zh_CN"), ".") == f"剂量引用的计划 {PLAN} 不在输入中"


def test_the_findings_of_reading_damaged_files_in_french_and_chinese(tmp_path: Path) -> None:
    """A truncated copy of the demo's RTSTRUCT and a file that is not DICOM: their findings are the
    English of before for the command line, and in French and Chinese no English sentence is left
    (the file names and numbers stay as they are)."""
    if not (DEMO / "RS_TG119.dcm").is_file():
        pytest.skip("resources/demo is not built")
    import plannerview

    data = (DEMO / "RS_TG119.dcm").read_bytes()
    cut = tmp_path / "RS_cut.dcm"
    cut.write_bytes(data[: len(data) * 2 // 3])
    notes = tmp_path / "notes.dat"
    notes.write_bytes(b"not a DICOM file at all\n" * 10)
    case = plannerview.load([str(cut), str(notes)])
    found = {f.file: f for f in case.findings}
    assert found[str(notes)].message == "not a DICOM file (no DICOM preamble and no DICOM element at its start)"
    damaged = found[str(cut)]
    assert damaged.code == "IO_CORRUPT" and damaged.message.startswith("damaged file: ")
    assert damaged.to_json()["message"] == str(damaged.message)
    english = _english_templates("Findings")
    for f in (found[str(notes)], damaged):
        assert isinstance(f.message, Msg) and all(leaf.context == "Findings" for leaf in _leaves(f.message))
        for lang, point in (("fr_FR", ","), ("zh_CN", ".")):
            said = render(f.message, _translator(lang), point)
            assert said != str(f.message)
            assert not [src for pat, src in english if pat.search(said)], said
            if lang == "zh_CN":
                assert has_cjk(said)
    assert render(found[str(notes)].message, _translator("fr_FR"), ",") == (
        "pas un fichier DICOM (ni préambule DICOM ni élément DICOM au début)")


def test_the_findings_of_a_folder_read_in_chinese(tmp_path: Path) -> None:
    """A zip archive that is damaged and an identical copy of a file: file names kept, no English left."""
    if not (DEMO / "RS_TG119.dcm").is_file():
        pytest.skip("resources/demo is not built")
    import plannerview

    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04" + b"\0" * 40)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for d in (a, b):
        (d / "RS.dcm").write_bytes((DEMO / "RS_TG119.dcm").read_bytes())
    case = plannerview.load([str(tmp_path)])
    messages = {f.code: f.message for f in case.findings}
    assert messages["IO_DUPLICATE"] == f"identical copy of {a / 'RS.dcm'}; ignored"
    zh = render(messages["IO_DUPLICATE"], _translator("zh_CN"), ".")
    assert zh == f"{a / 'RS.dcm'} 的相同副本；已忽略"
    zip_fr = render(messages["IO_CORRUPT"], _translator("fr_FR"), ",")
    assert zip_fr.startswith("archive zip endommagée : ") and zip_fr.endswith(" ; non lue")


def test_grouped_thousands_with_a_decimal_comma() -> None:
    """``{n:,}`` groups thousands with a comma in English; where the comma is the decimal separator
    the groups are set apart by a narrow space, so 772,868 bytes never read as 772.868."""
    m = Msg(QT_TRANSLATE_NOOP("Findings", "{count:,} bytes follow the pixel data, which would be read shifted"),
            count=772868)
    assert m == "772,868 bytes follow the pixel data, which would be read shifted"
    fr = render(m, _translator("fr_FR"), ",")
    assert fr.startswith("772\u202f868 octets")
    assert render(Msg("{x:,.1f}", x=1234.5), lambda c, s: s, ",") == "1\u202f234,5"
    assert render(m, _translator("zh_CN"), ".").startswith("像素数据之后还有 772,868 字节")


def test_the_rarer_goal_notes_in_french_and_chinese() -> None:
    """An ambiguous ROI match, a metric error and a DVH warning: English as before, translated in the GUI."""
    from plannerview.compute.metrics import MetricError, parse_metric
    from plannerview.compute.roi_names import AmbiguousRoi
    from plannerview.model.structures import ROI

    with pytest.raises(MetricError) as err:
        parse_metric("D120%")
    said = err.value.args[0]
    assert str(err.value) == "'D120%': a volume percentage must be between 0 and 100"
    assert isinstance(said, Msg) and said.context == "GoalNotes"
    assert render(said, _translator("fr_FR"), ",") == "'D120%' : un pourcentage de volume doit être entre 0 et 100"
    assert render(said, _translator("zh_CN"), ".") == "'D120%'：体积百分比必须在 0 到 100 之间"

    rois = [ROI(number=n, name=name, contours=(), interpreted_type="PTV", color_rgb=(255, 0, 0))
            for n, name in ((1, "PTV_70"), (2, "PTV 70"))]
    amb = AmbiguousRoi("PTV_High", rois, Msg(QT_TRANSLATE_NOOP("GoalNotes", "each reads as TG-263 {wanted}"),
                                             wanted="PTV_High"))
    assert str(amb) == ("2 ROIs could be the PTV_High (PTV_70, PTV 70): each reads as TG-263 PTV_High; choose one "
                        "with an ROI map ('PTV_70: PTV_High')")
    zh = render(amb.message, _translator("zh_CN"), ".")
    assert zh.startswith("2 个结构都可能是 PTV_High（PTV_70, PTV 70）：每个都可读作 TG-263 的 PTV_High")
    assert has_cjk(zh) and not foreign_words(zh, ("PTV_High", "PTV_70", "PTV 70"))
    fr = render(amb.message, _translator("fr_FR"), ",")
    assert "ROI pourraient être PTV_High" in fr and "could" not in fr

    warning = Msg(QT_TRANSLATE_NOOP("GoalNotes", "{uncovered:.2f} cc of the ROI's {total:.2f} cc lies outside the "
                                    "dose grid; the DVH covers the rest"), uncovered=1.5, total=20.25)
    assert warning == "1.50 cc of the ROI's 20.25 cc lies outside the dose grid; the DVH covers the rest"
    assert render(warning, _translator("fr_FR"), ",").startswith("1,50 cc des 20,25 cc de la ROI")


def _damaged_copies(folder: Path) -> dict[str, Path]:
    """Copies of the demo's objects with one invalid value each (written here, never in resources/)."""
    import pydicom
    from pydicom.uid import generate_uid

    def copy(src: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
        ds = pydicom.dcmread(src)
        change(ds)
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        out = folder / name
        ds.save_as(out)
        return out

    def twice_offset(ds) -> None:  # type: ignore[no-untyped-def]
        g = list(ds.GridFrameOffsetVector)
        g[1] = g[0]
        ds.GridFrameOffsetVector = g

    def twice_roi(ds) -> None:  # type: ignore[no-untyped-def]
        ds.StructureSetROISequence[1].ROINumber = ds.StructureSetROISequence[0].ROINumber

    ct = sorted((DEMO / "CT").glob("*.dcm"))[0]
    return {
        "scaling": copy(DEMO / "RD_Photon7F.dcm", "RD_scaling0.dcm", lambda ds: setattr(ds, "DoseGridScaling", 0)),
        "offsets": copy(DEMO / "RD_Photon7F.dcm", "RD_offsets.dcm", twice_offset),
        "roi": copy(DEMO / "RS_TG119.dcm", "RS_roi_twice.dcm", twice_roi),
        "slope": copy(ct, "CT_slope0.dcm", lambda ds: setattr(ds, "RescaleSlope", 0)),
        "cosines": copy(ct, "CT_cosines.dcm", lambda ds: setattr(ds, "ImageOrientationPatient", [0.9, 0, 0, 0, 1, 0])),
        "points": copy(DEMO / "RP_Photon7F.dcm", "RP_points.dcm",
                       lambda ds: setattr(ds.BeamSequence[0], "NumberOfControlPoints", 99)),
    }


def test_the_invalid_values_of_damaged_copies_in_french_and_chinese(tmp_path: Path) -> None:
    """Invalid DICOM values (io.validate's Checker and the readers' own reasons): the English of
    before for the command line and JSON; in French and Chinese no English template left, the file,
    the tag and the numbers kept (a decimal comma in French)."""
    if not (DEMO / "RD_Photon7F.dcm").is_file() or not (DEMO / "CT").is_dir():
        pytest.skip("resources/demo is not built")
    import plannerview

    files = _damaged_copies(tmp_path)
    case = plannerview.load([str(p) for p in files.values()])
    found: dict[str, Finding] = {}
    for f in case.findings:
        if f.code == "IO_INVALID_VALUE":
            found.setdefault(f.file, f)  # the first invalid value of each file
    expected = {
        "scaling": "RTDOSE not used: DoseGridScaling (3004,000E): value 0 is not above 0",
        "offsets": "RTDOSE not used: GridFrameOffsetVector (3004,000C): two frames at the same position",
        "roi": "RTSTRUCT not used: ROINumber (3006,0022) in StructureSetROISequence item 2: ROI number 1 is defined twice",
        "slope": "CT slice not used: RescaleSlope (0028,1053): value 0 is below 1e-06",
        "cosines": "CT slice not used: ImageOrientationPatient (0020,0037): direction cosines are not unit vectors "
                   "(lengths 0.9000, 1.0000)",
        "points": "RTPLAN not used: NumberOfControlPoints (300A,0110) in beam 1: says 99 but the sequence holds 62 "
                  "control points",
    }
    english = _english_templates("Findings")
    for key, path in files.items():
        f = found[str(path)]
        assert f.message == expected[key] and f.to_json()["message"] == expected[key]
        assert isinstance(f.message, Msg) and all(leaf.context == "Findings" for leaf in _leaves(f.message))
        tag = expected[key].split(": ")[1].split(" in ")[0]
        for lang, point in (("fr_FR", ","), ("zh_CN", ".")):
            said = render(f.message, _translator(lang), point)
            assert said != str(f.message) and tag in said, said
            assert not [src for pat, src in english if pat.search(said)], said
            if key in ("scaling", "offsets"):
                assert "RTDOSE" in said, said  # the object's DICOM name: a value
            if lang == "zh_CN":
                assert has_cjk(said), said
    roi = found[str(files["roi"])].message
    assert render(roi, _translator("fr_FR"), ",") == (
        "RTSTRUCT inutilisable : ROINumber (3006,0022) dans StructureSetROISequence item 2 : "
        "le numéro de ROI 1 est défini deux fois")
    assert render(roi, _translator("zh_CN"), ".") == (
        "RTSTRUCT 未使用：StructureSetROISequence item 2 中的 ROINumber (3006,0022)：结构编号 1 被定义了两次")
    cosines = found[str(files["cosines"])].message
    assert "0,9000" in render(cosines, _translator("fr_FR"), ",")
    assert render(cosines, _translator("fr_FR"), ",").startswith("coupe CT inutilisable : ")
    assert "0.9000" in render(cosines, _translator("zh_CN"), ".")
    assert render(found[str(files["slope"])].message, _translator("zh_CN"), ".").startswith("CT 层面 未使用")
    points = found[str(files["points"])].message  # where in the plan: the reader's words translated too
    assert render(points, _translator("fr_FR"), ",") == (
        "RTPLAN inutilisable : NumberOfControlPoints (300A,0110) dans faisceau 1 : "
        "indique 99 mais la séquence contient 62 points de contrôle")
    assert "射野 1" in render(points, _translator("zh_CN"), ".")


def test_an_unmarked_invalid_value_reason_fails_the_scan() -> None:
    """The scan above catches ``chk.error(keyword, "...")`` written as text in io/."""
    tree = ast.parse('chk.error("Rows", f"{n} rows")\nchk.warn("X", "bad", "w")\n'
                     'chk.error("PixelData", str(exc))\nchk.error("X", Msg(QT_TRANSLATE_NOOP("Findings", "bad")))\n'
                     'Checker(f"{m} slice", p)\nChecker("RTDOSE", p)')
    calls = [n for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)]
    assert [_unmarked_invalid_value(c.value) for c in calls] == [True, True, False, False, True, False]  # type: ignore[attr-defined]
