"""Damaged files are never read as complete (issue 15, item 2), and duplicates keep the intact copy
(item 3). Every RT object type is cut at many offsets inside its elements; the offsets come from
pydicom's own element positions (value_tell and length), independent of plannerview's walk."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pydicom
import pytest
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset

import plannerview
from plannerview.io import codes

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "resources" / "demo"


def _inside_offsets(path: Path, n: int, seed: int) -> list[int]:
    """Offsets strictly inside top-level elements (header or value), never on a boundary between two.

    A cut exactly between two top-level elements leaves a well-formed shorter file, which no
    structural rule can tell from a complete one; those offsets are excluded here (the README says so).
    """
    raw = path.read_bytes()
    ds = pydicom.dcmread(path, defer_size=0)  # every value deferred: raw elements keep their positions
    spans = []
    for tag in ds.keys():
        elem = ds._dict[tag]
        if isinstance(elem, RawDataElement) and elem.value_tell and elem.length not in (None, 0xFFFFFFFF):
            header = 12 if elem.VR in ("OB", "OW", "SQ", "UN", "UT", "OF", "OD", "OL", "UC", "UR") else 8
            spans.append((elem.value_tell - header, elem.value_tell + elem.length))
    spans = [(a, b) for a, b in spans if b - a > 2]
    rng = random.Random(seed)
    weights = [b - a for a, b in spans]
    out = []
    for a, b in rng.choices(spans, weights=weights, k=n):
        out.append(rng.randrange(a + 1, b))
    assert all(0 < o < len(raw) for o in out)
    return out


def _rt_files(shared: Path | None) -> dict[str, Path]:
    files = {"RTPLAN": DEMO / "RP_Photon7F.dcm", "RT Ion Plan": DEMO / "RN_ProtonIMPT.dcm",
             "RTSTRUCT": DEMO / "RS_TG119.dcm", "RTDOSE": DEMO / "RD_Photon7F.dcm", "CT": DEMO / "CT" / "CT_060.dcm"}
    if shared is not None:  # other vendors' encodings (implicit VR, undefined lengths)
        files["RTPLAN (implicit VR)"] = shared / "dicompyler_core_example" / "rtplan.dcm"
        files["RTSTRUCT (implicit VR)"] = shared / "dicompyler_core_example" / "rtss.dcm"
        files["RT Ion Plan (RayStation)"] = shared / "aptg_dcpt_proton" / "plan03_ramp_full" / "ramped_2Gy_ver2_full.dcm"
        files["RTDOSE (16 bit)"] = next((shared / "aptg_dcpt_proton" / "plan03_ramp_full").glob("RD*3000*.dcm"))
    return files


@pytest.fixture(scope="module")
def rt_files() -> dict[str, Path]:
    shared = REPO.parent / "shared" / "data"
    return _rt_files(shared if shared.is_dir() else None)


def _undefined_lengths(ds: Dataset) -> None:
    for elem in ds:
        if elem.VR == "SQ":
            elem.is_undefined_length = True
            for item in elem.value:
                item.is_undefined_length_sequence_item = True
                _undefined_lengths(item)


def test_every_rt_object_cut_inside_an_element_is_corrupt_and_not_used(rt_files: dict[str, Path],
                                                                       tmp_path: Path) -> None:
    for kind, src in rt_files.items():
        raw = src.read_bytes()
        for k, cut in enumerate(_inside_offsets(src, 12, seed=len(kind))):
            bad = tmp_path / f"{kind.replace(' ', '_')}_{k}.dcm"
            bad.write_bytes(raw[:cut])
            case = plannerview.load(bad)
            assert case.objects == (), (kind, cut)
            f = case.findings
            assert [x.code for x in f] in ([codes.IO_CORRUPT], [codes.IO_NOT_DICOM]), (kind, cut, f)
            if f[0].code == codes.IO_CORRUPT:  # (a cut in the first bytes leaves no DICOM at all)
                assert f[0].severity.value == "error" and f[0].file == str(bad)
                assert f[0].message.startswith("damaged file: ") and f[0].message.endswith("; not used")


def test_truncation_inside_undefined_length_sequences_names_what_is_missing(tmp_path: Path) -> None:
    """Written with undefined lengths (sequences closed by delimiters, as many TPSs write them), a
    plan cut inside its beams says which sequence item the data ends in."""
    ds = pydicom.dcmread(DEMO / "RP_Photon7F.dcm")
    _undefined_lengths(ds)
    full = tmp_path / "full.dcm"
    ds.save_as(full)
    assert len(plannerview.load(full).plans[0].beams) == len(ds.BeamSequence)
    raw = full.read_bytes()
    beam4 = raw.find(b"G154")  # the fourth beam's name, inside BeamSequence item 4
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(raw[: beam4 + 2000])
    case = plannerview.load(cut)
    assert case.plans == ()
    (f,) = case.findings
    assert f.code == codes.IO_CORRUPT and f.severity.value == "error"
    assert "BeamSequence (300A,00B0) item 4" in f.message


def test_truncated_ct_slice_is_left_out_and_the_series_loads(tmp_path: Path) -> None:
    names = [f"CT_{k:03d}.dcm" for k in range(60, 66)]
    for n in names:
        shutil.copyfile(DEMO / "CT" / n, tmp_path / n)
    raw = (DEMO / "CT" / names[3]).read_bytes()
    (tmp_path / names[3]).write_bytes(raw[: len(raw) - 777])
    case = plannerview.load(tmp_path)
    (img,) = case.images
    assert len(img.slice_files) == 5 and str(tmp_path / names[3]) not in img.slice_files
    (f,) = [x for x in case.findings if x.file == str(tmp_path / names[3])]
    assert f.code == codes.IO_CORRUPT and "PixelData (7FE0,0010) declares" in f.message and "777 bytes are missing" in f.message


@pytest.mark.parametrize("truncated_first", [True, False])
def test_duplicates_keep_the_complete_copy_whatever_the_order(tmp_path: Path, truncated_first: bool) -> None:
    raw = (DEMO / "RP_Photon7F.dcm").read_bytes()
    good, bad = ("b_full.dcm", "a_cut.dcm") if truncated_first else ("a_full.dcm", "b_cut.dcm")
    (tmp_path / good).write_bytes(raw)
    (tmp_path / bad).write_bytes(raw[: len(raw) * 2 // 3])
    case = plannerview.load(tmp_path)
    (plan,) = case.plans
    assert plan.file == str(tmp_path / good)
    assert len(plan.beams) == len(pydicom.dcmread(DEMO / "RP_Photon7F.dcm").BeamSequence)
    (f,) = [x for x in case.findings if x.code == codes.IO_DUPLICATE]
    assert f.file == str(tmp_path / bad) and f.severity.value == "warning"
    assert f.message.startswith(f"truncated copy of {tmp_path / good}") and str(tmp_path / good) in f.message
    assert not [x for x in case.findings if x.severity.value == "error"]


def test_two_truncated_copies_are_both_errors(tmp_path: Path) -> None:
    raw = (DEMO / "RS_TG119.dcm").read_bytes()
    (tmp_path / "a.dcm").write_bytes(raw[:400_000])
    (tmp_path / "b.dcm").write_bytes(raw[:600_000])
    case = plannerview.load(tmp_path)
    assert case.structure_sets == ()
    assert sorted((Path(f.file).name, f.code, f.severity.value) for f in case.findings) == [
        ("a.dcm", codes.IO_CORRUPT, "error"), ("b.dcm", codes.IO_CORRUPT, "error")]


def test_a_plan_cut_between_top_level_elements(tmp_path: Path) -> None:
    """A cut exactly between two top-level elements leaves a well-formed file: the plan's own
    cross-references catch it (fraction groups naming beams that are gone), else a warning that the
    plan holds no beams."""
    src = DEMO / "RP_Photon7F.dcm"
    raw = src.read_bytes()
    ds = pydicom.dcmread(src, defer_size=0)

    def start(keyword: str) -> int:
        elem = ds._dict[pydicom.tag.Tag(keyword)]
        return int(elem.value_tell) - 12  # explicit VR SQ header

    before_beams = tmp_path / "no_beams.dcm"
    before_beams.write_bytes(raw[: start("BeamSequence")])
    case = plannerview.load(before_beams)
    assert case.plans == ()
    assert any("ReferencedBeamNumber (300C,0006)" in f.message and f.severity.value == "error" for f in case.findings)
    before_fractions = tmp_path / "no_fractions.dcm"
    before_fractions.write_bytes(raw[: start("FractionGroupSequence")])
    case = plannerview.load(before_fractions)
    (plan,) = case.plans
    assert plan.beams == ()
    assert {codes.PLAN_NO_BEAMS, codes.PLAN_NO_FRACTIONS} <= {f.code for f in case.findings}
