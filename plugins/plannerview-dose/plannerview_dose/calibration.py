"""The user's data an engine needs: MCsquare beam data libraries (BDL) and CT calibration tables.

Generic files ship (MCsquare's generic BDLs and its UCL Toshiba scanner tables from the opentps-core
wheel, and a water-based table matching pyRadPlan's default HU -> stopping-power curve). A user's
files come from the plugin's settings; when the user configured one, that one is used or the
calculation stops with the reason: it never falls back to a generic file in silence. Every table is
parsed and checked here before an engine sees it, and a table that parses to nothing is an error
(opentps-core reads such a file as an empty calibration without a word).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from plannerview.plugin_api import PluginInputError


class CalibrationError(PluginInputError):
    """A beam model or CT calibration file that is missing, unreadable or empty."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _numeric_rows(path: Path, what: str, columns: int) -> np.ndarray:
    """Rows of ``columns`` numbers, '#' comments and blank lines skipped; an error names the line."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise CalibrationError(f"{what} {path}: cannot be read ({exc.strerror or exc})") from None
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = body.split()
        try:
            values = [float(v) for v in parts[:columns]]
        except ValueError:
            raise CalibrationError(f"{what} {path}, line {n}: {line.strip()!r} is not {columns} numbers") from None
        if len(values) < columns:
            raise CalibrationError(f"{what} {path}, line {n}: expected {columns} numbers, found {len(values)}")
        rows.append(values)
    if not rows:
        raise CalibrationError(f"{what} {path}: no table rows found (the file parses to nothing)")
    return np.array(rows, dtype=float)


@dataclass(frozen=True)
class DataFile:
    """A file an engine used: where it is, whether it is the user's, and its checksum."""

    path: Path
    origin: str  # "user" (from the plugin's settings or parameters) or "generic" (shipped)
    sha256: str = ""

    def to_json(self) -> dict[str, str]:
        return {"path": str(self.path), "origin": self.origin, "sha256": self.sha256}


# --- CT calibration (MCsquare scanner tables) ---------------------------------------------------
@dataclass(frozen=True, eq=False)
class CtCalibration:
    """MCsquare's two scanner tables: HU -> mass density (g/cm3, interpolated) and HU thresholds ->
    material number (a row applies from its HU up to the next row's)."""

    name: str
    hu_density: np.ndarray  # N x 2
    hu_material: np.ndarray  # M x 2 (HU, material number)
    density_file: DataFile
    material_file: DataFile

    def density(self, hu: np.ndarray | float) -> np.ndarray:
        return np.interp(np.asarray(hu, dtype=float), self.hu_density[:, 0], self.hu_density[:, 1])

    def material(self, hu: np.ndarray | float) -> np.ndarray:
        idx = np.searchsorted(self.hu_material[:, 0], np.asarray(hu, dtype=float), side="right") - 1
        return self.hu_material[np.clip(idx, 0, len(self.hu_material) - 1), 1].astype(int)

    def hu_for_density(self, density_g_cm3: float) -> float:
        """Inverse of :meth:`density` on its rising part (to build a CT from ROI densities)."""
        hu, rho = self.hu_density[:, 0], self.hu_density[:, 1]
        if density_g_cm3 <= rho.min():
            return float(hu[np.argmin(rho)])
        if density_g_cm3 >= rho.max():
            return float(hu[np.argmax(rho)])
        for a in range(len(rho) - 1):
            lo, hi = rho[a], rho[a + 1]
            if hi > lo and lo <= density_g_cm3 <= hi:
                return float(hu[a] + (density_g_cm3 - lo) / (hi - lo) * (hu[a + 1] - hu[a]))
        raise CalibrationError(f"CT calibration {self.name!r}: density {density_g_cm3} g/cm3 is not on a rising part")

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "hu_density": self.density_file.to_json(),
                "hu_material": self.material_file.to_json()}


def read_ct_calibration(density_path: Path, material_path: Path, origin: str, name: str = "",
                        materials: Mapping[int, str] | None = None) -> CtCalibration:
    """Read and check the two scanner tables (``materials``: known material numbers -> names)."""
    hd = _numeric_rows(density_path, "HU-to-density table", 2)
    hm = _numeric_rows(material_path, "HU-to-material table", 2)
    if len(hd) < 2:
        raise CalibrationError(f"HU-to-density table {density_path}: needs at least two rows, found {len(hd)}")
    if np.any(np.diff(hd[:, 0]) <= 0):
        raise CalibrationError(f"HU-to-density table {density_path}: HU values must increase row by row")
    if np.any(hd[:, 1] <= 0):
        raise CalibrationError(f"HU-to-density table {density_path}: densities must be positive")
    if np.any(np.diff(hm[:, 0]) <= 0):
        raise CalibrationError(f"HU-to-material table {material_path}: HU thresholds must increase row by row")
    if materials is not None:
        unknown = sorted({int(m) for m in hm[:, 1]} - set(materials))
        if unknown:
            raise CalibrationError(f"HU-to-material table {material_path}: material number(s) {unknown} are not in "
                                   "MCsquare's material list")
    return CtCalibration(name or density_path.parent.name, hd, hm,
                         DataFile(density_path, origin, _sha256(density_path)),
                         DataFile(material_path, origin, _sha256(material_path)))


def read_material_list(materials_dir: Path) -> dict[int, str]:
    """MCsquare's Materials/list.dat: material number -> folder name."""
    out: dict[int, str] = {}
    path = materials_dir / "list.dat"
    for line in path.read_text(errors="replace").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2 and parts[0].isdigit():
            out[int(parts[0])] = parts[1]
    if not out:
        raise CalibrationError(f"MCsquare material list {path}: no materials found")
    return out


# --- beam data library (MCsquare BDL) --------------------------------------------------------------
BDL_COLUMNS = ("NominalEnergy", "MeanEnergy", "EnergySpread", "ProtonsMU", "Weight1", "SpotSize1x", "Divergence1x",
               "Correlation1x", "SpotSize1y", "Divergence1y", "Correlation1y", "Weight2", "SpotSize2x",
               "Divergence2x", "Correlation2x", "SpotSize2y", "Divergence2y", "Correlation2y")


@dataclass(frozen=True)
class BdlRangeShifter:
    id: str
    type: str
    material: int
    density_g_cm3: float
    wet_mm: float


@dataclass(frozen=True, eq=False)
class BeamModel:
    """An MCsquare double-Gaussian (UPenn) beam data library, with its MU -> protons calibration."""

    name: str
    file: DataFile
    nozzle_to_isocenter_mm: float
    smx_to_isocenter_mm: float
    smy_to_isocenter_mm: float
    table: np.ndarray  # N x 18, columns BDL_COLUMNS
    range_shifters: tuple[BdlRangeShifter, ...] = field(default_factory=tuple)

    @property
    def nominal_energies_mev(self) -> np.ndarray:
        return self.table[:, 0]

    def _interp(self, energy_mev: np.ndarray | float, column: int) -> np.ndarray:
        """MCsquare's lookup: the bracket found by Sequential_Search, linear (and extrapolated) within."""
        e = np.asarray(energy_mev, dtype=float)
        nominal = self.table[:, 0]
        i = np.clip(np.searchsorted(nominal, e, side="left") - 1, 0, len(nominal) - 2)
        x1, x2 = nominal[i], nominal[i + 1]
        y1, y2 = self.table[i, column], self.table[i + 1, column]
        return (y2 - y1) / (x2 - x1) * (e - x1) + y1

    def protons_per_mu(self, energy_mev: np.ndarray | float) -> np.ndarray:
        return self._interp(energy_mev, 3)

    def mean_energy_mev(self, energy_mev: np.ndarray | float) -> np.ndarray:
        return self._interp(energy_mev, 1)

    def spot_sigma_mm(self, energy_mev: float) -> tuple[float, float]:
        """Main-Gaussian spot sigma (x, y) at the nozzle exit for ``energy_mev``."""
        return float(self._interp(energy_mev, 5)), float(self._interp(energy_mev, 8))

    def range_shifter(self, rs_id: str) -> BdlRangeShifter | None:
        for rs in self.range_shifters:
            if rs.id == rs_id:
                return rs
        return None

    def to_json(self) -> dict[str, Any]:
        e = self.nominal_energies_mev
        return {"name": self.name, **self.file.to_json(), "energies_mev": [float(e.min()), float(e.max())],
                "n_energies": int(len(e)), "range_shifters": [rs.id for rs in self.range_shifters]}


def _after(lines: list[str], label: str) -> float | None:
    for i, line in enumerate(lines):
        if line.strip().lower().startswith(label.lower()):
            for nxt in lines[i + 1:]:
                body = nxt.split("#", 1)[0].strip()
                if body:
                    try:
                        return float(body.split()[0])
                    except ValueError:
                        return None
    return None


def read_bdl(path: Path, origin: str, name: str = "") -> BeamModel:
    """Read and check an MCsquare BDL (UPenn double-Gaussian format)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    except OSError as exc:
        raise CalibrationError(f"beam data library {path}: cannot be read ({exc.strerror or exc})") from None
    lines = text.split("\n")
    if not lines or "UPenn beam model" not in lines[0]:
        raise CalibrationError(f"beam data library {path}: the first line must be '--UPenn beam model (double "
                               "gaussian)--' (MCsquare's BDL format)")
    nozzle = _after(lines, "Nozzle exit to Isocenter distance")
    smx = _after(lines, "SMX to Isocenter distance")
    smy = _after(lines, "SMY to Isocenter distance")
    for label, value in (("Nozzle exit to Isocenter distance", nozzle), ("SMX to Isocenter distance", smx),
                         ("SMY to Isocenter distance", smy)):
        if value is None or value <= 0:
            raise CalibrationError(f"beam data library {path}: no valid '{label}'")
    shifters: list[BdlRangeShifter] = []
    current: dict[str, str] = {}

    def flush() -> None:
        if current:
            try:
                shifters.append(BdlRangeShifter(current["RS_ID"], current.get("RS_type", "binary").lower(),
                                                int(float(current["RS_material"])), float(current["RS_density"]),
                                                float(current["RS_WET"])))
            except (KeyError, ValueError):
                raise CalibrationError(f"beam data library {path}: a range shifter block lacks RS_ID, RS_material, "
                                       "RS_density or RS_WET") from None
            current.clear()

    header_row = None
    for i, line in enumerate(lines):
        body = line.split("#", 1)[0].strip()
        if body.startswith("Range Shifter parameters"):
            flush()
            current["_"] = ""
        elif "=" in body and body.split("=")[0].strip().startswith("RS_"):
            k, v = body.split("=", 1)
            current[k.strip()] = v.strip()
        elif body.startswith("NominalEnergy"):
            header_row = i
    current.pop("_", None)
    flush()
    if header_row is None:
        raise CalibrationError(f"beam data library {path}: no 'NominalEnergy ...' table header")
    rows = []
    for n, line in enumerate(lines[header_row + 1:], start=header_row + 2):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        try:
            values = [float(v) for v in body.split()]
        except ValueError:
            raise CalibrationError(f"beam data library {path}, line {n}: {line.strip()[:60]!r} is not numbers") from None
        if len(values) != len(BDL_COLUMNS):
            raise CalibrationError(f"beam data library {path}, line {n}: {len(values)} columns, expected "
                                   f"{len(BDL_COLUMNS)}")
        rows.append(values)
    if len(rows) < 2:
        raise CalibrationError(f"beam data library {path}: the energy table has {len(rows)} row(s); MCsquare "
                               "needs at least two")
    table = np.array(rows)
    if np.any(np.diff(table[:, 0]) <= 0):
        raise CalibrationError(f"beam data library {path}: nominal energies must increase row by row")
    if np.any(table[:, 3] <= 0):
        raise CalibrationError(f"beam data library {path}: ProtonsMU must be positive (MU -> protons calibration)")
    return BeamModel(name or path.stem, DataFile(path, origin, _sha256(path)), float(nozzle), float(smx),  # type: ignore[arg-type]
                     float(smy), table, tuple(shifters))  # type: ignore[arg-type]


def configured_path(settings: Mapping[str, Any], parameters: Mapping[str, Any], key: str) -> Path | None:
    """A file the user chose: the run's parameter, else the plugin's settings; ``None`` for the generic one.

    A configured path that does not exist is an error, never a reason to use the generic file.
    """
    value = str(parameters.get(key) or settings.get(key) or "").strip()
    if not value:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        source = "parameter" if parameters.get(key) else "plugin setting"
        raise CalibrationError(f"{source} {key} = {value}: no such file (the generic file is not used in its place)")
    return path
