"""Beam data libraries and CT calibration tables: parsed, checked, never a silent fall-back."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from plannerview_dose.calibration import CalibrationError, read_bdl, read_ct_calibration, read_material_list
from plannerview_dose.mcsquare_engine import resolve_beam_model, resolve_calibration

from .phantoms import water_box


def _bdl_table(path: Path) -> np.ndarray:
    """The BDL's energy table read independently: the rows after the 'NominalEnergy' header."""
    lines = path.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("NominalEnergy")) + 1
    return np.loadtxt(lines[start:])


def test_generic_bdl_values(mcsquare_folder: Path) -> None:
    path = mcsquare_folder / "BDL" / "BDL_default_DN_RangeShifter.txt"
    model = read_bdl(path, "generic")
    table = _bdl_table(path)
    assert len(model.nominal_energies_mev) == len(table)
    assert model.nozzle_to_isocenter_mm == 410.0 and model.smx_to_isocenter_mm == 2234.8
    assert model.range_shifters[0].id == "RS_Block" and model.range_shifters[0].wet_mm == 74.1
    row = 10
    assert model.protons_per_mu(table[row, 0]) == pytest.approx(table[row, 3])
    mid = 0.5 * (table[row, 0] + table[row + 1, 0])
    assert model.protons_per_mu(mid) == pytest.approx(0.5 * (table[row, 3] + table[row + 1, 3]))
    assert model.mean_energy_mev(table[row, 0]) == pytest.approx(table[row, 1])


def test_crlf_free_after_provisioning(mcsquare_folder: Path) -> None:
    for f in list((mcsquare_folder / "BDL").glob("*.txt")) + list((mcsquare_folder / "Scanners").rglob("*.txt")):
        assert b"\r\n" not in f.read_bytes(), f
    assert (mcsquare_folder / "NOTICE.txt").read_text().count("Apache") >= 2


def test_empty_calibration_table_is_an_error(mcsquare_folder: Path, tmp_path: Path) -> None:
    src = mcsquare_folder / "Scanners" / "UCL_Toshiba"
    d = tmp_path / "HU_Density_Conversion.txt"
    m = tmp_path / "HU_Material_Conversion.txt"
    d.write_text("".join(line + "\n" for line in (src / "HU_Density_Conversion.txt").read_text().splitlines()
                         if line.startswith("#")))  # only the header comments: parses to nothing
    shutil.copyfile(src / "HU_Material_Conversion.txt", m)
    with pytest.raises(CalibrationError, match=r"HU_Density_Conversion.txt: no table rows"):
        read_ct_calibration(d, m, "user")


def test_bad_rows_and_unknown_material(mcsquare_folder: Path, tmp_path: Path) -> None:
    src = mcsquare_folder / "Scanners" / "UCL_Toshiba"
    d = tmp_path / "d.txt"
    m = tmp_path / "m.txt"
    rows = [line for line in (src / "HU_Density_Conversion.txt").read_text().splitlines() if not line.startswith("#")]
    d.write_text("\n".join(reversed([r for r in rows if r.strip()])) + "\n")  # HU decreasing
    shutil.copyfile(src / "HU_Material_Conversion.txt", m)
    with pytest.raises(CalibrationError, match="must increase"):
        read_ct_calibration(d, m, "user")
    shutil.copyfile(src / "HU_Density_Conversion.txt", d)
    m.write_text("-1000 999\n")
    with pytest.raises(CalibrationError, match=r"\[999\]"):
        read_ct_calibration(d, m, "user", materials=read_material_list(mcsquare_folder / "Materials"))


def test_user_files_are_used_or_refused_never_replaced(mcsquare_folder: Path, tmp_path: Path) -> None:
    image = water_box((4, 4, 4), (2.0, 2.0, 2.0), (0.0, 0.0, 0.0))
    # a user BDL (a copy of the generic one) is reported as the user's
    user_bdl = tmp_path / "clinic_BDL.txt"
    shutil.copyfile(mcsquare_folder / "BDL" / "BDL_default_UN_RangeShifter.txt", user_bdl)
    model = resolve_beam_model({"bdl_file": str(user_bdl)}, {}, mcsquare_folder)
    assert model.file.origin == "user" and model.file.path == user_bdl
    # a configured file that is missing stops the calculation
    with pytest.raises(CalibrationError, match="generic file is not used"):
        resolve_beam_model({"bdl_file": str(tmp_path / "gone.txt")}, {}, mcsquare_folder)
    with pytest.raises(CalibrationError, match="only one is set"):
        resolve_calibration({"hu_density_file": str(user_bdl)}, {}, image, mcsquare_folder)
    # nothing configured: the generic table, and it says so
    cal, why = resolve_calibration({}, {}, image, mcsquare_folder)
    assert cal.density_file.origin == "generic" and "no calibration configured" in why
    # a user table that is a BDL (wrong format) fails loudly instead of falling back
    with pytest.raises(CalibrationError):
        resolve_calibration({"hu_density_file": str(user_bdl), "hu_material_file": str(user_bdl)}, {}, image,
                            mcsquare_folder)
