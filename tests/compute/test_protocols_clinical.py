"""The stereotactic, brachytherapy and proton protocols: values computed by hand (LQ model), goals
in Gy(RBE) only on RBE-weighted doses, and targets that are never a ring or picked by size."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from plannerview.compute.goals import evaluate_goals
from plannerview.compute.protocols import ProtocolError
from plannerview.review.loaders import list_protocols, load_protocol
from tests.compute.test_goals import _cube_roi, _dose, _g, _protocol, _ss

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def _lq_total(per_fx: float, n: int, ab: float, ebrt_n: int = 25, ebrt_d: float = 1.8) -> float:
    """Total EQD2 by hand: n HDR fractions of per_fx Gy plus the external beam part."""
    return ebrt_n * ebrt_d * (ebrt_d + ab) / (2 + ab) + n * per_fx * (per_fx + ab) / (2 + ab)


def test_new_protocols_load_with_their_sources() -> None:
    names = set(list_protocols())
    assert {"brain_srs_1fx_tg101", "brain_srs_3fx_tg101", "brain_srs_5fx_tg101", "cervix_hdr_embrace2",
            "tg119_cshape", "tg119_cshape_proton"} <= names
    srs1 = load_protocol("brain_srs_1fx_tg101")
    cord = [g for g in srs1.goals if g.rois == ("SpinalCord",) and g.metric == "D0.035cc"][0]
    assert cord.limit == 14 and "1 fx, max point dose 14 Gy" in cord.citation.where  # TG-101 Table III
    assert load_protocol("brain_srs_5fx_tg101").fractions == 5
    hdr = load_protocol("cervix_hdr_embrace2")
    assert hdr.radiation == "brachy" and hdr.eqd2_total is not None
    assert hdr.eqd2_total.eqd2_gy(10.0) == pytest.approx(45 * 11.8 / 12)  # 44.25 Gy EQD2
    assert load_protocol("tg119_cshape_proton").dose_unit == "Gy(RBE)"


def test_rbe_units_must_be_declared(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="dose_type: EFFECTIVE"):
        _protocol(tmp_path, _g("Heart", "Dmax", "<", 10, "Gy(RBE)"))


def test_hdr_goals_in_total_eqd2_by_hand(tmp_path: Path) -> None:
    # one HDR fraction: 7 Gy over the HR-CTV (x < 0), 4 Gy over the bladder (x > 0)
    dose = _dose(lambda x: np.where(x < 0, 7.0, 4.0))
    ss = _ss(_cube_roi(1, "HR-CTV", 4, "CTV", cx=-10.0), _cube_roi(2, "BLADDER", 8, "ORGAN", cx=10.0))
    prot = load_protocol("cervix_hdr_embrace2")
    rep = evaluate_goals(prot, ss, dose, 1, 7.0)
    by = {(r.goal.roi, r.goal.metric): r for r in rep.results}
    d90 = by[("CTV_HR", "D90%")]
    assert d90.matched_roi == "HR-CTV" and d90.unit == "Gy EQD2"
    assert d90.value == pytest.approx(_lq_total(7.0, 4, 10.0), abs=1e-3)  # 83.92 Gy: below the 85 Gy limit
    assert d90.status == "fail" and "44.2 Gy" in d90.note
    blad = by[("Bladder", "D2cc")]
    assert blad.value == pytest.approx(_lq_total(4.0, 4, 3.0), abs=1e-3)  # 65.6 Gy < 80 Gy aim
    assert blad.status == "pass"
    assert by[("Rectum", "D2cc")].status == "not_evaluated"
    # the same dose stated as the sum of 2 planned fractions is divided by them first
    rep2 = evaluate_goals(prot, ss, _dose(lambda x: np.where(x < 0, 14.0, 8.0)), 2, 14.0)
    d90b = next(r for r in rep2.results if r.goal.metric == "D90%")
    assert d90b.value == pytest.approx(_lq_total(7.0, 4, 10.0), abs=1e-3) and "divided" in d90b.note


@pytest.mark.skipif(not DEMO.is_dir(), reason="resources/demo is not built")
def test_proton_goals_only_on_the_rbe_weighted_dose() -> None:
    import plannerview

    case = plannerview.load(str(DEMO))
    ss = case.structure_sets[0]
    proton = next(d for d in case.doses if d.dose_type == "EFFECTIVE")
    photon = next(d for d in case.doses if d.dose_type == "PHYSICAL")
    prot = load_protocol("tg119_cshape_proton")
    rep = evaluate_goals(prot, ss, proton, 25, 50.0)
    d95 = rep.results[0]
    assert d95.matched_roi == "OuterTarget" and "typed as a PTV" in d95.note
    assert d95.unit == "Gy(RBE)" and d95.status in ("pass", "fail") and d95.value is not None
    assert rep.results[2].matched_roi == "Core"
    # a PHYSICAL dose is never evaluated against Gy(RBE) limits
    rep_phys = evaluate_goals(prot, ss, photon, 25, 50.0)
    assert {r.status for r in rep_phys.results} == {"not_evaluated"}
    assert "RBE-weighted" in rep_phys.results[0].note
    # the photon twin on the proton dose: evaluated, and the note says Gy(RBE) meets Gy limits
    twin = evaluate_goals(load_protocol("tg119_cshape"), ss, proton, 25, 50.0)
    assert twin.results[0].value == pytest.approx(d95.value) and "Gy(RBE)" in twin.results[0].note


def test_ambiguous_targets_are_not_evaluated_and_say_why(tmp_path: Path) -> None:
    prot = _protocol(tmp_path, _g("PTV", "Dmean", ">=", 9, "Gy"))
    ss = _ss(_cube_roi(1, "PTV a", 4, "PTV", cx=-10), _cube_roi(2, "PTV b", 4, "PTV", cx=10))
    rep = evaluate_goals(prot, ss, _dose(lambda x: np.full_like(x, 10.0)), 5, 10.0)
    r = rep.results[0]
    assert r.status == "not_evaluated" and r.matched_roi is None and "ROI map" in r.note
    # the plan's target dose reference settles it
    rep2 = evaluate_goals(prot, ss, _dose(lambda x: np.full_like(x, 10.0)), 5, 10.0, target_roi_numbers=frozenset({2}))
    assert rep2.results[0].matched_roi == "PTV b" and rep2.results[0].status == "pass"
