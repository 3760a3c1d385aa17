"""TG-263 ROI-name matching: vendor and clinic spellings, targets with doses in their names,
laterality relative to the targets, composites and the user map."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from plannerview.compute.contours import roi_volume_cc
from plannerview.compute.roi_names import (
    AmbiguousRoi,
    has_copy_number,
    is_derived_target_name,
    match_roi,
    standard_name,
    target_dose_gy,
    target_kind,
    tg263_names,
)
from plannerview.io.yaml_files import read_roi_map as load_user_map
from plannerview.model import ROI, Contour, StructureSet


@pytest.mark.parametrize(("name", "tg263"), [
    ("SPINALCORD", "SpinalCord"), ("Spinal Cord", "SpinalCord"), ("Cord", "SpinalCord"),
    ("spinal_cord", "SpinalCord"), ("SpinalCord", "SpinalCord"),
    ("Lt Lung", "Lung_L"), ("LUNG_L", "Lung_L"), ("Lung Left", "Lung_L"), ("L Lung", "Lung_L"),
    ("lung_lt", "Lung_L"), ("LungL", "Lung_L"), ("Left-Lung", "Lung_L"),
    ("Rt Lung", "Lung_R"), ("Right Lung", "Lung_R"), ("LUNG_R", "Lung_R"), ("Lung.R", "Lung_R"),
    ("LUNGS", "Lungs"), ("Lungs", "Lungs"), ("Lung", "Lungs"), ("Total Lung", "Lungs"),
    ("Lungs-GTV", "Lungs-GTV"), ("Lung-GTV", "Lungs-GTV"), ("LUNGS_GTV", "Lungs-GTV"),
    ("HEART", "Heart"), ("Heart", "Heart"), ("Oesophagus", "Esophagus"), ("Great Vessels", "GreatVes"),
    ("Parotid Rt", "Parotid_R"), ("PAROTID_L", "Parotid_L"), ("ParotidL", "Parotid_L"), ("Parotids", "Parotids"),
    ("Brain Stem", "Brainstem"), ("BRAINSTEM", "Brainstem"), ("Chiasm", "OpticChiasm"),
    ("Optic Nerve R", "OpticNrv_R"), ("Femoral Head L", "Femur_Head_L"), ("Lt Femoral Head", "Femur_Head_L"),
    ("Brachial Plexus L", "BrachialPlex_L"), ("Rectum", "Rectum"), ("Urinary Bladder", "Bladder"),
    ("PTV4140", "PTV_4140"), ("PTV_41.4", "PTV_4140"), ("PTV 70Gy", "PTV_7000"), ("PTV_5040cGy", "PTV_5040"),
    ("ptv", "PTV"), ("CTV_60", "CTV_6000"),
    # not TG-263 organs: a PRV, an unknown organ, laterality on an unpaired organ, an ordinal PTV
    ("Cord PRV5", None), ("Tumor Bed", None), ("Heart L", None), ("PTV1", None), ("", None),
])
def test_vendor_names_to_tg263(name: str, tg263: str | None) -> None:
    assert standard_name(name) == tg263


@pytest.mark.parametrize(("name", "dose_gy"), [
    ("PTV4140", 41.4), ("PTV_41.4", 41.4), ("PTV_41,4", 41.4), ("PTVp_7000", 70.0), ("PTV 70Gy", 70.0),
    ("CTV_5040cGy", 50.4), ("PTV_60", 60.0), ("PTV1", None), ("PTV_High", None), ("Heart", None),
])
def test_dose_in_target_names(name: str, dose_gy: float | None) -> None:
    assert target_dose_gy(name) == (pytest.approx(dose_gy) if dose_gy is not None else None)


def test_target_kinds() -> None:
    assert [target_kind(n) for n in ("PTV_High", "CTVn", "GTVp 70", "ITV", "Heart", "PTVHigh")] == \
        ["PTV", "CTV", "GTV", "ITV", None, None]


def test_every_bundled_name_is_its_own_standard_name() -> None:
    names = tg263_names()
    for std in names.standard_names:
        if not std.endswith(("_IPSI", "_CNTR")):
            assert standard_name(std) == std, std


def _square(cx: float, cy: float, half: float, zs: tuple[float, ...]) -> tuple[Contour, ...]:
    sq = np.array([[-half, -half], [half, -half], [half, half], [-half, half]], float) + [cx, cy]
    return tuple(Contour("CLOSED_PLANAR", np.column_stack([sq, np.full(4, z)])) for z in zs)


ZS = (-4.0, -2.0, 0.0, 2.0, 4.0)  # 5 planes 2 mm apart: slabs span 10 mm


def _ss(*rois: tuple[str, str, float, float]) -> StructureSet:
    """ROIs as (name, interpreted type, centre x, half side) squares on ZS."""
    out = tuple(ROI(i + 1, name, _square(cx, 0.0, half, ZS) if half > 0 else (), kind)
                for i, (name, kind, cx, half) in enumerate(rois))
    return StructureSet(sop_uid="1.2.3", frame_of_reference_uid="F", rois=out)


def test_match_by_alias_and_exact_name() -> None:
    ss = _ss(("SPINAL CORD", "ORGAN", 0, 5), ("Heart", "ORGAN", 30, 10))
    assert match_roi("SpinalCord", ss).roi.name == "SPINAL CORD"  # type: ignore[union-attr]
    heart = match_roi("Heart", ss)
    assert heart is not None and heart.roi.name == "Heart" and heart.how == "exact name"
    assert match_roi("Esophagus", ss) is None


def test_empty_rois_never_match() -> None:
    ss = _ss(("Heart", "ORGAN", 0, 0), ("Cord", "ORGAN", 0, 5))
    assert match_roi("Heart", ss) is None
    assert match_roi("SpinalCord", ss) is not None


def test_user_map_wins_and_ignores_case(tmp_path: Path) -> None:
    ss = _ss(("Poumon G", "ORGAN", 40, 10), ("Lt Lung", "ORGAN", 40, 8))
    f = tmp_path / "map.yaml"
    f.write_text("'poumon g': Lung_L\n")
    m = match_roi("Lung_L", ss, load_user_map(f))
    assert m is not None and m.roi.name == "Poumon G" and "ROI map" in m.how
    assert match_roi("Lung_L", ss).roi.name == "Lt Lung"  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["- a\n- b\n", "a: [1, 2]\n", "a: {b: c}\n", "a: [\n"])
def test_bad_user_maps_name_the_file(tmp_path: Path, text: str) -> None:
    f = tmp_path / "bad_map.yaml"
    f.write_text(text)
    with pytest.raises(ValueError, match="bad_map.yaml"):
        load_user_map(f)


def test_ipsilateral_and_contralateral_follow_the_targets() -> None:
    # DICOM patient coordinates: +x is the patient's left. Body centred at x = 0.
    left = _ss(("BODY", "EXTERNAL", 0, 150), ("Lt Lung", "ORGAN", 80, 40), ("Rt Lung", "ORGAN", -80, 40),
               ("PTV", "PTV", 60, 10))
    assert match_roi("Lung_IPSI", left).roi.name == "Lt Lung"  # type: ignore[union-attr]
    assert match_roi("Lung_CNTR", left).roi.name == "Rt Lung"  # type: ignore[union-attr]
    right = _ss(("BODY", "EXTERNAL", 0, 150), ("Lt Lung", "ORGAN", 80, 40), ("Rt Lung", "ORGAN", -80, 40),
                ("PTV", "PTV", -60, 10))
    m = match_roi("Lung_IPSI", right)
    assert m is not None and m.roi.name == "Rt Lung" and "right" in m.how
    # an off-centre body: the side is relative to the body's centre, not x = 0
    shifted = _ss(("BODY", "EXTERNAL", 100, 150), ("Lt Lung", "ORGAN", 180, 40), ("Rt Lung", "ORGAN", 20, 40),
                  ("PTV", "PTV", 60, 10))
    assert match_roi("Lung_IPSI", shifted).roi.name == "Rt Lung"  # type: ignore[union-attr]
    assert match_roi("Lung_IPSI", _ss(("Lt Lung", "ORGAN", 80, 40))) is None  # no target, no side


def test_ptv_chosen_by_the_dose_in_its_name() -> None:
    ss = _ss(("PTV_5040", "PTV", 0, 30), ("PTV_7000", "PTV", 0, 10), ("PTV eval", "PTV", 0, 5), ("Heart", "ORGAN", 50, 5))
    assert match_roi("PTV", ss, prescription_gy=50.4).roi.name == "PTV_5040"  # type: ignore[union-attr]
    assert match_roi("PTV", ss).roi.name == "PTV_7000"  # type: ignore[union-attr]  # highest dose
    assert match_roi("PTV_5040", ss).roi.name == "PTV_5040"  # type: ignore[union-attr]
    assert match_roi("PTV_6000", ss) is None
    # no dose in any name: never the largest; the user chooses
    plain = _ss(("PTV small", "PTV", 0, 5), ("PTV big", "PTV", 0, 20), ("CTV", "CTV", 0, 15))
    with pytest.raises(AmbiguousRoi) as err:
        match_roi("PTV", plain)
    assert {r.name for r in err.value.candidates} == {"PTV small", "PTV big"}
    assert "ROI map" in str(err.value)
    # an interpreted type is enough when the name does not say PTV
    typed = _ss(("Breast", "PTV", 0, 20), ("Heart", "ORGAN", 50, 5))
    assert match_roi("PTV", typed).roi.name == "Breast"  # type: ignore[union-attr]


def test_lungs_as_the_union_of_both_lungs() -> None:
    ss = _ss(("Lt Lung", "ORGAN", 60, 40), ("Rt Lung", "ORGAN", -60, 30))
    m = match_roi("Lungs", ss)
    assert m is not None and m.roi.name == "Lt Lung+Rt Lung" and "union" in m.how and "overlap" not in m.how
    # volumes: 80 x 80 x 10 mm + 60 x 60 x 10 mm = 64 + 36 cc
    assert roi_volume_cc(m.roi) == pytest.approx(64.0 + 36.0)
    overlapping = _ss(("Lt Lung", "ORGAN", 20, 40), ("Rt Lung", "ORGAN", -20, 30))
    assert "overlap" in match_roi("Lungs", overlapping).how  # type: ignore[union-attr]
    # a Lungs ROI of its own is preferred to the union
    assert match_roi("Lungs", _ss(("Lt Lung", "ORGAN", 60, 40), ("Rt Lung", "ORGAN", -60, 30),
                                  ("LUNGS", "ORGAN", 0, 100))).roi.name == "LUNGS"  # type: ignore[union-attr]


@pytest.mark.parametrize("name", ["PTV4_WALL", "PTV_Ring", "zPTV_opt", "PTV+1cm", "PTV 2cm", "Ring_PTV", "_PTV",
                                  "PTV_avoid", "PTV_PRV"])
def test_helper_structures_named_after_a_target(name: str) -> None:
    assert is_derived_target_name(name)


@pytest.mark.parametrize("name", ["PTV", "PTV_High", "PTV_5000", "PTVp", "PTVn_5600", "PTV1", "PTV_Eval",
                                  "PTV-Rectum", "CTV_HR"])
def test_real_target_names_are_not_helpers(name: str) -> None:
    assert not is_derived_target_name(name)


def test_a_ring_or_wall_is_never_the_target() -> None:
    # a stereotactic case: the wall around PTV4 is typed ORGAN; an expansion typed PTV has no target name
    ss = _ss(("PTV4", "PTV", 0, 10), ("PTV4_WALL", "ORGAN", 0, 30), ("D2CM PRIMARY", "PTV", 0, 50),
             ("BRAIN", "ORGAN", 0, 150))
    m = match_roi("PTV", ss)
    assert m is not None and m.roi.name == "PTV4" and "named and typed" in m.how
    # only the wall and the expansion: the expansion (typed PTV) is a weak candidate, the wall never one
    weak = _ss(("PTV4_WALL", "ORGAN", 0, 30), ("D2CM PRIMARY", "PTV", 0, 50))
    m = match_roi("PTV", weak)
    assert m is not None and m.roi.name == "D2CM PRIMARY" and "typed as a PTV" in m.how
    assert match_roi("PTV", _ss(("PTV4_WALL", "ORGAN", 0, 30))) is None


def test_target_from_the_plans_dose_reference_first() -> None:
    ss = _ss(("PTV_a", "PTV", 0, 10), ("PTV_b", "PTV", 0, 20))
    b = next(r for r in ss.rois if r.name == "PTV_b")
    m = match_roi("PTV", ss, dose_reference_rois=frozenset({b.number}))
    assert m is not None and m.roi.name == "PTV_b" and "dose reference" in m.how


def test_high_low_levels_and_isodose_coverage() -> None:
    ss = _ss(("PTV_Low", "PTV", 0, 30), ("PTV_High", "PTV", 0, 10))
    assert match_roi("PTV", ss).roi.name == "PTV_High"  # type: ignore[union-attr]
    # two unnamed candidates: the one the prescription isodose covers is the target
    two = _ss(("PTVp", "PTV", 0, 10), ("PTV eval", "PTV", 0, 30))
    cov = {"PTVp": 98.5, "PTV eval": 41.0}
    m = match_roi("PTV", two, coverage=lambda r: cov[r.name])
    assert m is not None and m.roi.name == "PTVp" and "PTV eval 41 %" in m.how
    with pytest.raises(AmbiguousRoi):  # both covered: still the user's choice
        match_roi("PTV", two, coverage=lambda r: 99.0)


@pytest.mark.parametrize(("name", "tg263"), [
    ("HEART4", "Heart"), ("SPINAL CORD2", "SpinalCord"), ("Lung_L_1", "Lung_L"), ("ESOPHAGUS 2", "Esophagus"),
    ("Parotid_R_2", "Parotid_R"), ("Prox Bronch Tree", "Bronchus"), ("Lung_Total", "Lungs"), ("CORD", "SpinalCord"),
    ("HR-CTV", "CTV_HR"), ("CTVhr", "CTV_HR"), ("Bowel Bag", "Bowel"), ("Sigmoid Colon", "Sigmoid"),
    ("Brain-PTV", "Brain-PTV"), ("BRAIN", "Brain"), ("SpinalCord_PRV5", None),
])
def test_eclipse_style_copy_numbers_and_other_real_world_names(name: str, tg263: str | None) -> None:
    assert standard_name(name) == tg263


def test_copy_numbers_are_shown_and_the_plain_name_preferred() -> None:
    ss = _ss(("HEART4", "ORGAN", 0, 20), ("SPINAL CORD2", "ORGAN", 30, 5))
    m = match_roi("Heart", ss)
    assert m is not None and m.roi.name == "HEART4" and "trailing number" in m.how
    assert has_copy_number("HEART4") and not has_copy_number("PTV4") and not has_copy_number("Heart")
    both = _ss(("Heart", "ORGAN", 0, 20), ("HEART1", "ORGAN", 0, 21))
    assert match_roi("Heart", both).roi.name == "Heart"  # type: ignore[union-attr]
    with pytest.raises(AmbiguousRoi):
        match_roi("Heart", _ss(("HEART1", "ORGAN", 0, 20), ("HEART2", "ORGAN", 0, 21)))


def test_a_named_brachy_target_is_not_any_ctv() -> None:
    ss = _ss(("CTV_IR", "CTV", 0, 40), ("HR-CTV", "CTV", 0, 20))
    assert match_roi("CTV_HR", ss).roi.name == "HR-CTV"  # type: ignore[union-attr]
    assert match_roi("CTV_HR", _ss(("CTV_IR", "CTV", 0, 40))) is None
