"""The goals protocol is chosen from the plan (fractionation, radiation, ROIs, the user's last
choice), never by alphabet; when nothing fits, none is chosen and the reason says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import plannerview
from plannerview.review.loaders import list_protocols, load_protocol
from plannerview.review.protocol_choice import choose_protocol, history_key, radiation_fits

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
PROTOCOLS = [load_protocol(n) for n in list_protocols()]


@pytest.mark.skipif(not DEMO.is_dir(), reason="resources/demo is not built")
def test_the_demo_plans_get_the_tg119_protocol_of_their_radiation() -> None:
    case = plannerview.load(str(DEMO))
    ss = case.structure_sets[0]
    photon = next(p for p in case.plans if p.kind == "photon")
    proton = next(p for p in case.plans if p.kind == "proton")
    ch = choose_protocol(PROTOCOLS, photon, ss, "PHYSICAL")
    assert ch.name == "tg119_cshape"
    assert "25 fractions" in ch.reason and "2 of its 2 ROIs" in ch.reason  # the file says 50 Gy in 25 fx
    chp = choose_protocol(PROTOCOLS, proton, ss, "EFFECTIVE")
    assert chp.name == "tg119_cshape_proton" and "Gy(RBE)" in chp.reason
    # the user's last choice for a similar plan comes first, and is said to be so
    mine = choose_protocol(PROTOCOLS, photon, ss, "PHYSICAL",
                           history={history_key(photon): "lung_conventional_quantec"})
    assert mine.name == "lung_conventional_quantec" and "last choice" in mine.reason
    # ... but never a protocol of the wrong radiation
    wrong = choose_protocol(PROTOCOLS, photon, ss, "PHYSICAL", history={history_key(photon): "cervix_hdr_embrace2"})
    assert wrong.name == "tg119_cshape"


def test_no_protocol_by_alphabet(shared_data: Path) -> None:
    # the breast boost (14 Gy in 7 fx) fits none of the bundled protocols: none is chosen, and the
    # alphabetically first (brain_srs_1fx_tg101) or the breast one is not picked silently
    case = plannerview.load(str(shared_data / "dicompyler_core_example"))
    plan = case.plans[0]
    ch = choose_protocol(PROTOCOLS, plan, case.structures_for(plan), "PHYSICAL")
    assert ch.protocol is None and "choose one" in ch.reason and "14 Gy in 7 fx" in ch.reason
    brachy = plannerview.load(str(shared_data / "brachy_cylinder_hdr" / "Ex1"))
    ch2 = choose_protocol(PROTOCOLS, brachy.plans[0], brachy.structure_sets[0], "PHYSICAL")
    assert ch2.protocol is None
    assert all(c.protocol.radiation == "brachy" for c in ch2.candidates)


def test_radiation_rules() -> None:
    hdr, srs = load_protocol("cervix_hdr_embrace2"), load_protocol("brain_srs_1fx_tg101")
    rbe = load_protocol("tg119_cshape_proton")
    assert radiation_fits(hdr, "brachy") is None and radiation_fits(hdr, "photon") is not None
    assert radiation_fits(srs, "brachy") is not None and radiation_fits(srs, "proton") is None
    assert radiation_fits(rbe, "photon") is not None
    assert radiation_fits(rbe, "proton", "PHYSICAL") is not None and radiation_fits(rbe, "proton", "EFFECTIVE") is None
