"""Analytic DVH cases through plannerview, dicompyler-core and plastimatch, against exact truth.

The phantoms and their exact DVHs (the solid the contours describe) come from
``tests/compute/analytic.py``. Each case is written as an RTSTRUCT + RTDOSE pair for the peers,
which run in their own virtual environments (``benchmarks/.venv-dicompyler``,
``benchmarks/.venv-plastimatch``). Errors are in % of the maximum dose (D-metrics, Dmean) and
% of the true volume.

    .venv/bin/python benchmarks/analytic_peers.py
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from plannerview.compute.dvh import compute_dvh  # noqa: E402
from plannerview.model import ROI, DoseGrid  # noqa: E402
from tests.compute.analytic import FIELDS, dose_grid, sphere_roi, truth_metrics  # noqa: E402

DCM_PY = HERE / ".venv-dicompyler" / "bin" / "python"
PLM = HERE / ".venv-plastimatch" / "bin" / "plastimatch"
CASES = [("sphere", 6.2, 1.0), ("sphere", 22.0, 3.0), ("sphere", 41.5, 2.5), ("cylinder", 9.0, 1.0), ("cone", 40.0, 2.5)]
METRICS = ("Dmean", "D2%", "D50%", "D95%", "D98%")

DCM_CODE = r"""
import json, sys
from dicompylercore import dvhcalc
rs, rd, dx, dy = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
d = dvhcalc.get_dvh(rs, rd, 1, interpolation_resolution=(dx / 4, dy / 4), interpolation_segments_between_planes=2)
print(json.dumps({"volume_cc": float(d.volume), "Dmean": float(d.mean), "D2%": float(d.D2.value),
                  "D50%": float(d.D50.value), "D95%": float(d.D95.value), "D98%": float(d.D98.value)}))
"""


def _meta(ds: pydicom.Dataset, sop_class: str) -> None:
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = sop_class


def write_case(roi: ROI, dose: DoseGrid, out: Path) -> None:
    frame, study = generate_uid(), generate_uid()
    rd = pydicom.Dataset()
    rd.SOPInstanceUID = generate_uid()
    _meta(rd, "1.2.840.10008.5.1.4.1.1.481.2")
    rd.Modality, rd.PatientID, rd.PatientName = "RTDOSE", "ANALYTIC", "Analytic^Phantom"
    rd.StudyInstanceUID, rd.SeriesInstanceUID, rd.FrameOfReferenceUID = study, generate_uid(), frame
    g = dose.grid
    nz, ny, nx = g.shape_zyx
    dz, dy, dx = g.spacing_mm
    rd.ImagePositionPatient = list(g.origin_mm)
    rd.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    rd.PixelSpacing = [dy, dx]
    rd.SliceThickness = dz
    rd.GridFrameOffsetVector = [k * dz for k in range(nz)]
    rd.NumberOfFrames, rd.Rows, rd.Columns = nz, ny, nx
    rd.SamplesPerPixel, rd.PhotometricInterpretation = 1, "MONOCHROME2"
    rd.BitsAllocated, rd.BitsStored, rd.HighBit, rd.PixelRepresentation = 32, 32, 31, 0
    rd.DoseUnits, rd.DoseType, rd.DoseSummationType = "GY", "PHYSICAL", "PLAN"
    arr = np.asarray(dose.dose, dtype=np.float64)
    scale = float(arr.max()) / 4e9
    rd.DoseGridScaling = f"{scale:.10g}"
    rd.PixelData = np.round(arr / float(rd.DoseGridScaling)).astype("<u4").tobytes()
    rd.save_as(out / "rtdose.dcm", enforce_file_format=True)

    rs = pydicom.Dataset()
    rs.SOPInstanceUID = generate_uid()
    _meta(rs, "1.2.840.10008.5.1.4.1.1.481.3")
    rs.Modality, rs.PatientID, rs.PatientName = "RTSTRUCT", "ANALYTIC", "Analytic^Phantom"
    rs.StudyInstanceUID, rs.SeriesInstanceUID = study, generate_uid()
    rs.StructureSetLabel = "analytic"
    ref = pydicom.Dataset()
    ref.FrameOfReferenceUID = frame
    rs.ReferencedFrameOfReferenceSequence = [ref]
    ssroi = pydicom.Dataset()
    ssroi.ROINumber, ssroi.ReferencedFrameOfReferenceUID, ssroi.ROIName = 1, frame, roi.name
    ssroi.ROIGenerationAlgorithm = "MANUAL"
    rs.StructureSetROISequence = [ssroi]
    rc = pydicom.Dataset()
    rc.ReferencedROINumber, rc.ROIDisplayColor = 1, [255, 0, 0]
    items = []
    for c in roi.contours:
        it = pydicom.Dataset()
        it.ContourGeometricType = "CLOSED_PLANAR"
        it.NumberOfContourPoints = len(c.points_mm)
        it.ContourData = [f"{v:.4f}" for v in c.points_mm.reshape(-1)]
        items.append(it)
    rc.ContourSequence = items
    rs.ROIContourSequence = [rc]
    obs = pydicom.Dataset()
    obs.ObservationNumber, obs.ReferencedROINumber, obs.RTROIInterpretedType, obs.ROIInterpreter = 1, 1, "ORGAN", ""
    rs.RTROIObservationsSequence = [obs]
    rs.save_as(out / "rtss.dcm", enforce_file_format=True)


def _from_cumulative(dose_gy: np.ndarray, vol: np.ndarray) -> dict[str, float]:
    """Metrics from a cumulative curve (volume at or above each dose)."""
    v0 = vol[0]
    diff = -np.diff(np.append(vol, 0.0))
    centres = dose_gy + np.append(np.diff(dose_gy), 0.0) / 2
    out = {"Dmean": float(np.dot(diff, centres) / v0)}
    for p in (2, 50, 95, 98):
        out[f"D{p}%"] = float(np.interp(v0 * p / 100, vol[::-1], dose_gy[::-1]))
    return out


def run_plastimatch(folder: Path, dmax: float) -> dict[str, float]:
    out_csv = folder / "plm.csv"
    proc = subprocess.run([str(PLM), "dvh", "--input", str(folder), "--output-csv", str(out_csv), "--num-bins", "2000",
                           "--bin-width", f"{dmax * 1.01 / 2000:.6f}", "--normalization", "vox"],
                          check=True, capture_output=True, text=True)
    # plastimatch rasterises the structures on its own fine grid and prints that voxel size
    lines = (proc.stdout + proc.stderr).splitlines()
    i = next(n for n, line in enumerate(lines) if "checking voxel size" in line)
    voxel_cc = float(np.prod([float(v) for v in lines[i + 1].split()[:3]])) / 1000.0
    rows = list(csv.reader(out_csv.open()))
    data = np.array([[float(v) for v in r[:2]] for r in rows[1:] if len(r) >= 2])
    res = _from_cumulative(data[:, 0], data[:, 1])
    res["volume_cc"] = float(data[0, 1]) * voxel_cc
    return res


def main() -> None:
    rows = []
    for shape, radius, slice_mm in CASES:
        for field in ("z", "x", "gauss"):
            g, fn = FIELDS[field]
            dose = dose_grid(fn)
            roi, slabs = sphere_roi(radius, slice_mm, shape)
            dmax = float(dose.dose.max())
            truth = truth_metrics(slabs, slice_mm, field, g, dmax)
            t0 = time.perf_counter()
            dvh = compute_dvh(roi, dose)
            ours = {"volume_cc": dvh.volume_cc_total, "Dmean": dvh.dmean,
                    **{f"D{p}%": dvh.dose_at_percent(p) for p in (2, 50, 95, 98)}}
            res = {"plannerview": (ours, time.perf_counter() - t0)}
            with tempfile.TemporaryDirectory() as tmp:
                folder = Path(tmp)
                write_case(roi, dose, folder)
                if DCM_PY.exists():
                    t0 = time.perf_counter()
                    p = subprocess.run([str(DCM_PY), "-c", DCM_CODE, str(folder / "rtss.dcm"), str(folder / "rtdose.dcm"),
                                        str(dose.grid.spacing_mm[2]), str(dose.grid.spacing_mm[1])],
                                       capture_output=True, text=True)
                    if p.returncode == 0:
                        res["dicompyler-core"] = (json.loads(p.stdout.strip().splitlines()[-1]), time.perf_counter() - t0)
                if PLM.exists():
                    t0 = time.perf_counter()
                    try:
                        res["plastimatch"] = (run_plastimatch(folder, dmax), time.perf_counter() - t0)
                    except (subprocess.CalledProcessError, ValueError, IndexError, StopIteration):
                        pass
            case = f"{shape} {truth['volume_cc']:.1f}cc {slice_mm:g}mm {field}"
            for tool, (m, secs) in res.items():
                vol_err = 100 * (m["volume_cc"] - truth["volume_cc"]) / truth["volume_cc"]
                errs = [100 * abs(m[k] - truth[k]) / dmax for k in METRICS]
                rows.append((case, tool, vol_err, max(errs), errs, secs))
    print("Errors against the exact DVH of the contour solid: volume in %, dose metrics in % of max dose")
    print(f"| {'case':<28} | {'tool':<15} | {'vol err %':>9} | {'max dose err %':>14} | "
          + " | ".join(f"{k:>6}" for k in METRICS) + " | seconds |")
    print("|" + "|".join("-" * (w + 2) for w in (28, 15, 9, 14, *(6,) * len(METRICS), 7)) + "|")
    for case, tool, ve, me, errs, secs in rows:
        print(f"| {case:<28} | {tool:<15} | {ve:>9.2f} | {me:>14.2f} | " + " | ".join(f"{e:>6.2f}" for e in errs)
              + f" | {secs:>7.2f} |")
    print("\nWorst case per tool:")
    for tool in dict.fromkeys(r[1] for r in rows):
        sel = [r for r in rows if r[1] == tool]
        print(f"  {tool:<15} max |volume error| {max(abs(r[2]) for r in sel):.2f} %, "
              f"max dose-metric error {max(r[3] for r in sel):.2f} % of max, total {sum(r[5] for r in sel):.1f} s")


if __name__ == "__main__":
    main()
