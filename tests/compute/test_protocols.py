"""Protocol files: every bundled protocol follows the schema, its numbers are those of the
documents it cites, and malformed files are rejected with a message naming the file and problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plannerview.compute.metrics import parse_metric
from plannerview.compute.protocols import COMPARATORS, ProtocolError
from plannerview.compute.roi_names import target_kind, tg263_names
from plannerview.resources import protocols_dir
from plannerview.review.loaders import list_protocols, load_protocol

PROTOCOLS_DIR = protocols_dir()

BUNDLED = list_protocols()


def test_the_required_sites_are_bundled() -> None:
    sites = {load_protocol(n).site for n in BUNDLED}
    assert {"lung", "prostate", "head_neck", "breast"} <= sites
    assert any(load_protocol(n).fractions <= 5 and load_protocol(n).site == "lung" for n in BUNDLED)  # SBRT


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_protocol_schema(name: str) -> None:
    p = load_protocol(name)
    assert p.name == name and p.title and p.sources
    assert p.fractions * p.dose_per_fraction_gy == pytest.approx(p.prescription_gy)
    assert p.alpha_beta_gy["default"] > 0
    known = tg263_names().standard_names
    for g in p.goals:
        m = parse_metric(g.metric)  # every metric parses
        assert g.comparator in COMPARATORS
        # the limit's unit is the metric's (doses in Gy(RBE) for RBE-weighted protocols)
        assert g.unit == (m.unit.replace("Gy", p.dose_unit) if m.unit == "Gy" else m.unit)
        assert g.citation.source in p.sources and g.citation.where and g.citation.document
        assert g.note
        for roi in g.rois:  # every ROI is a bundled TG-263 name (or a target kind)
            assert roi in known or target_kind(roi), roi
        if g.acceptable is not None:
            assert (g.acceptable >= g.limit) if g.comparator.startswith("<") else (g.acceptable <= g.limit)


def _goal(protocol: str, roi: str, metric: str) -> tuple[float, float | None, str]:
    p = load_protocol(protocol)
    g = next(g for g in p.goals if roi in g.rois and g.metric == metric)
    return g.limit, g.acceptable, g.comparator


def test_tg101_values_are_those_of_table_iii() -> None:
    # Benedict SH et al., AAPM TG-101, Med Phys 2010;37(8):4078-4101, Table III.
    # 3 fractions: spinal cord max point 21.9 Gy, 18 Gy to < 0.35 cc, 12.3 Gy to < 1.2 cc;
    # esophagus max 25.2 Gy, 17.7 Gy < 5 cc; heart/pericardium max 30 Gy, 24 Gy < 15 cc;
    # great vessels max 45 Gy, 39 Gy < 10 cc; trachea/ipsilateral bronchus max 30 Gy, 15 Gy < 4 cc;
    # skin max 33 Gy, 30 Gy < 10 cc; brachial plexus max 24 Gy, 20.4 Gy < 3 cc; rib max 36.9 Gy.
    tg3 = "lung_sbrt_3fx_tg101"
    assert _goal(tg3, "SpinalCord", "D0.035cc")[:2] == (21.9, None)
    assert _goal(tg3, "SpinalCord", "V18Gy[cc]")[0] == 0.35
    assert _goal(tg3, "SpinalCord", "V12.3Gy[cc]")[0] == 1.2
    assert _goal(tg3, "Esophagus", "D0.035cc")[0] == 25.2
    assert _goal(tg3, "Esophagus", "V17.7Gy[cc]")[0] == 5
    assert _goal(tg3, "Heart", "D0.035cc")[0] == 30
    assert _goal(tg3, "Heart", "V24Gy[cc]")[0] == 15
    assert _goal(tg3, "GreatVes", "D0.035cc")[0] == 45
    assert _goal(tg3, "GreatVes", "V39Gy[cc]")[0] == 10
    assert _goal(tg3, "Trachea", "V15Gy[cc]")[0] == 4
    assert _goal(tg3, "Skin", "D0.035cc")[0] == 33
    assert _goal(tg3, "BrachialPlex_IPSI", "V20.4Gy[cc]")[0] == 3
    assert _goal(tg3, "Ribs", "D0.035cc")[0] == 36.9
    # 5 fractions: spinal cord max point 30 Gy, 23 Gy < 0.35 cc; esophagus max 35 Gy;
    # heart max 38 Gy, 32 Gy < 15 cc; great vessels 47 Gy < 10 cc.
    tg5 = "lung_sbrt_5fx_tg101"
    assert _goal(tg5, "SpinalCord", "D0.035cc")[0] == 30
    assert _goal(tg5, "SpinalCord", "V23Gy[cc]")[0] == 0.35
    assert _goal(tg5, "Esophagus", "D0.035cc")[0] == 35
    assert _goal(tg5, "Heart", "V32Gy[cc]")[0] == 15
    assert _goal(tg5, "GreatVes", "V47Gy[cc]")[0] == 10
    assert all(g.comparator == "<" for g in load_protocol(tg3).goals)  # TG-101: "< x cc", "max point dose"


def test_quantec_values() -> None:
    # QUANTEC, IJROBP 2010;76(3 Suppl); summary Table 1 of Marks et al. S10-S19.
    # Lung (Marks, S70-S76): V20 <= 30-35 %, mean lung dose <= 20-23 Gy.
    assert _goal("lung_conventional_quantec", "Lungs", "V20Gy[%]") == (30, 35, "<=")
    assert _goal("lung_conventional_quantec", "Lungs", "Dmean") == (20, 23, "<=")
    # Heart (Gagliardi, S77-S85): V25 < 10 %. Esophagus (Werner-Wasik, S86-S93): mean < 34 Gy.
    assert _goal("lung_conventional_quantec", "Heart", "V25Gy[%]") == (10, None, "<")
    assert _goal("lung_conventional_quantec", "Esophagus", "Dmean") == (34, None, "<")
    # Spinal cord (Kirkpatrick, S42-S49): Dmax 50 Gy, 0.2 % myelopathy.
    assert _goal("lung_conventional_quantec", "SpinalCord", "Dmax")[0] == 50
    # Parotids (Deasy, S58-S63): mean < 25 Gy for both glands, < 20 Gy for one gland.
    assert _goal("head_neck_quantec", "Parotids", "Dmean") == (25, None, "<")
    assert _goal("head_neck_quantec", "Parotid_L", "Dmean") == (20, None, "<")
    # Brainstem Dmax < 54 Gy (Mayo, S36-S41); optic chiasm Dmax < 55 Gy (Mayo, S28-S35);
    # cochlea mean <= 45 Gy (Bhandare, S50-S57); larynx mean < 44 Gy, constrictors mean < 50 Gy (Rancati).
    assert _goal("head_neck_quantec", "Brainstem", "Dmax")[0] == 54
    assert _goal("head_neck_quantec", "OpticChiasm", "Dmax")[0] == 55
    assert _goal("head_neck_quantec", "Cochlea_L", "Dmean") == (45, None, "<=")
    assert _goal("head_neck_quantec", "Larynx", "Dmean")[0] == 44
    assert _goal("head_neck_quantec", "Musc_Constrict", "Dmean")[0] == 50
    # Rectum (Michalski, S123-S129): V50 < 50 %, V60 < 35 %, V65 < 25 %, V70 < 20 %, V75 < 15 %.
    for dose, pct in ((50, 50), (60, 35), (65, 25), (70, 20), (75, 15)):
        assert _goal("prostate_conventional_quantec", "Rectum", f"V{dose}Gy[%]") == (pct, None, "<")
    # Bladder (Viswanathan, S116-S122, RTOG 0415): V65 <= 50 %, V70 <= 35 %, V75 <= 25 %, V80 <= 15 %.
    for dose, pct in ((65, 50), (70, 35), (75, 25), (80, 15)):
        assert _goal("prostate_conventional_quantec", "Bladder", f"V{dose}Gy[%]") == (pct, None, "<=")


def test_rtog0126_and_fast_forward_values() -> None:
    # RTOG 0126 plan scoring, arm 2 IMRT: 98 % (no variation) / 95 % (minor variation) of the PTV
    # at or above 79.2 Gy; Maxdose2%PTV < 84.7 Gy / < 87.1 Gy; 100 % of the CTV at or above 79.2 Gy.
    p = load_protocol("prostate_rtog0126")
    assert (p.fractions, p.dose_per_fraction_gy, p.prescription_gy) == (44, 1.8, 79.2)
    assert _goal("prostate_rtog0126", "PTV", "V79.2Gy[%]") == (98, 95, ">=")
    assert _goal("prostate_rtog0126", "PTV", "D2%") == (84.7, 87.1, "<")
    assert _goal("prostate_rtog0126", "CTV", "Dmin") == (79.2, None, ">=")
    # FAST-Forward (Brunt et al., Lancet 2020): 26 Gy in 5 fractions; ipsilateral lung V8Gy < 15 %,
    # heart V1.5Gy < 30 % and V7Gy < 5 %.
    ff = load_protocol("breast_fast_forward_26gy_5fx")
    assert (ff.fractions, ff.prescription_gy) == (5, 26)
    assert _goal(ff.name, "Lung_IPSI", "V8Gy[%]") == (15, None, "<")
    assert _goal(ff.name, "Heart", "V1.5Gy[%]") == (30, None, "<")
    assert _goal(ff.name, "Heart", "V7Gy[%]") == (5, None, "<")


def test_first_protocol_names_still_load() -> None:
    assert load_protocol("breast_26gy_5fx").name == "breast_fast_forward_26gy_5fx"
    assert load_protocol("prostate_conventional").name == "prostate_conventional_quantec"


def _base() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PROTOCOLS_DIR / "lung_conventional_quantec.yaml").read_text())
    return data


def _edit_goal(**kw: Any) -> dict[str, Any]:
    d = _base()
    d["goals"][0].update(kw)
    return d


@pytest.mark.parametrize(("data", "message"), [
    ({**_base(), "fractons": 30}, "unknown key"),
    ({k: v for k, v in _base().items() if k != "fractions"}, "missing 'fractions'"),
    ({**_base(), "fractions": 0}, "positive integer"),
    ({**_base(), "dose_per_fraction_gy": 1.8}, "fractionation is inconsistent"),
    ({**_base(), "alpha_beta_gy": {"Heart": 3}}, "'default'"),
    ({**_base(), "goals": []}, "non-empty list"),
    (_edit_goal(metric="D95"), "cannot read metric"),
    (_edit_goal(comparator="=<"), "comparator"),
    (_edit_goal(unit="Gy"), "does not fit the metric"),
    (_edit_goal(acceptable=25), "more lenient"),
    (_edit_goal(citation={"source": "QUANTEC-lung"}), "'where'"),
    (_edit_goal(citation={"source": "nowhere", "where": "p. 1"}), "not among the sources"),
    (_edit_goal(note=""), "empty note"),
    (_edit_goal(limit="thirty"), "must be a number"),
    (_edit_goal(any_of=["Lung_L", "Lung_R"]), "either 'roi'"),
    (_edit_goal(colour="red"), "unknown key"),
])
def test_malformed_protocols_are_rejected(tmp_path: Path, data: dict[str, Any], message: str) -> None:
    f = tmp_path / "my_protocol.yaml"
    f.write_text(yaml.safe_dump(data))
    with pytest.raises(ProtocolError, match=message) as err:
        load_protocol(f)
    assert "my_protocol.yaml" in str(err.value)


def test_unknown_and_unreadable_protocols(tmp_path: Path) -> None:
    with pytest.raises(ProtocolError, match="no protocol 'nope'.*lung_sbrt_3fx_tg101"):
        load_protocol("nope")
    f = tmp_path / "broken.yaml"
    f.write_text("name: [unclosed\n")
    with pytest.raises(ProtocolError, match="broken.yaml: not a readable YAML"):
        load_protocol(f)
