"""Generated benchmark cases shared by the DVH, gamma, load and GUI benchmarks (not tests).

- :func:`srs_case`: a stereotactic-like head case built here (no stereotactic pair is in
  ``../shared/data``): 28 ROIs on 1 mm planes (external, brain, brainstem, chiasm, optic nerves,
  eyes, lenses, cochleae, hippocampi, and 9 metastases as GTV + PTV, 3 to 22 mm across) and two
  dose distributions on a 1 mm grid for the same targets, an "IMRT" one (9 static fields: a
  low-dose bath in streaks along the beams, 110 % maximum) and a "VMAT" one (arcs: a rounder bath,
  steeper fall-off, 125 % maximum). The pair is realistic in kind (small targets, 1 mm grid,
  steep gradients, a large share of the low-dose voxels failing), not a copy of a real plan.
- :func:`write_large_case`: a large CT case written as DICOM into a cache folder (512 x 512 x N
  CT, 60 ROIs, two RTDOSEs on a 2 mm grid over the CT), for the scale benchmark.

Shapes are ellipsoids with a smooth random outline (a few Fourier terms), seeded, so every run
builds the same case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from plannerview.model import ROI, Contour, DoseGrid, Grid, StructureSet


@dataclass(frozen=True)
class Blob:
    """An ellipsoid (semi-axes in mm) with a smooth, seeded perturbation of its outline."""

    name: str
    centre: tuple[float, float, float]
    axes: tuple[float, float, float]
    kind: str = "ORGAN"
    wobble: float = 0.06
    seed: int = 0

    def contour_planes(self, zs: np.ndarray, mm_per_vertex: float = 1.2) -> list[np.ndarray]:
        """Closed polygons (N x 3) on the planes of ``zs`` that cut the blob."""
        rng = np.random.default_rng(self.seed)
        amp = rng.normal(0, self.wobble, 4)
        phase = rng.uniform(0, 2 * np.pi, 4)
        cx, cy, cz = self.centre
        ax, ay, az = self.axes
        out = []
        for z in zs:
            u = (z - cz) / az
            if abs(u) >= 0.999:
                continue
            k = math.sqrt(1 - u * u)
            perim = 2 * math.pi * max(ax, ay) * k
            n = max(16, int(perim / mm_per_vertex))
            t = np.linspace(0, 2 * np.pi, n, endpoint=False)
            r = 1 + sum(amp[m] * np.sin((m + 2) * t + phase[m] + 1.3 * u) for m in range(4))
            out.append(np.column_stack([cx + ax * k * r * np.cos(t), cy + ay * k * r * np.sin(t), np.full(n, z)]))
        return out

    def roi(self, number: int, zs: np.ndarray, color: tuple[int, int, int] = (200, 120, 40)) -> ROI:
        return ROI(number, self.name, tuple(Contour("CLOSED_PLANAR", p) for p in self.contour_planes(zs)),
                   self.kind, color)


# --- stereotactic-like case --------------------------------------------------------------------
SRS_METS = [  # centre (mm), GTV radius (mm), prescription (Gy)
    ((-32.0, -18.0, 22.0), 9.0, 20.0), ((28.0, -5.0, 35.0), 5.0, 24.0), ((-12.0, 30.0, -8.0), 3.5, 24.0),
    ((40.0, 25.0, 5.0), 6.5, 22.0), ((-45.0, 10.0, -20.0), 2.0, 24.0), ((10.0, -40.0, 48.0), 4.0, 24.0),
    ((-20.0, -45.0, 0.0), 7.5, 20.0), ((22.0, 42.0, 30.0), 3.0, 24.0), ((0.0, 8.0, 55.0), 5.5, 22.0),
]
PTV_MARGIN_MM = 1.0


def srs_structures(plane_mm: float = 1.0) -> StructureSet:
    zs = np.round(np.arange(-90.0, 90.0 + 1e-9, plane_mm), 3)
    blobs = [
        Blob("External", (0, 0, -5), (78, 98, 120), "EXTERNAL", 0.02, 1),
        Blob("Brain", (0, 5, 15), (64, 82, 68), "ORGAN", 0.02, 2),
        Blob("Brainstem", (0, 18, -30), (11, 13, 17), "ORGAN", 0.05, 3),
        Blob("Chiasm", (0, -12, -12), (8, 4, 2.5), "ORGAN", 0.05, 4),
        Blob("OpticNrv_L", (14, -35, -14), (3, 14, 2.5), "ORGAN", 0.05, 5),
        Blob("OpticNrv_R", (-14, -35, -14), (3, 14, 2.5), "ORGAN", 0.05, 6),
        Blob("Eye_L", (32, -68, -18), (12, 12, 12), "ORGAN", 0.02, 7),
        Blob("Eye_R", (-32, -68, -18), (12, 12, 12), "ORGAN", 0.02, 8),
        Blob("Lens_L", (32, -78, -18), (4.5, 2, 3), "ORGAN", 0.02, 9),
        Blob("Lens_R", (-32, -78, -18), (4.5, 2, 3), "ORGAN", 0.02, 10),
    ]
    for n, (c, r, _) in enumerate(SRS_METS, start=1):
        blobs.append(Blob(f"GTV{n}", c, (r, r * 0.9, r * 0.95), "GTV", 0.05, 100 + n))
        blobs.append(Blob(f"PTV{n}", c, (r + PTV_MARGIN_MM, r * 0.9 + PTV_MARGIN_MM, r * 0.95 + PTV_MARGIN_MM),
                          "PTV", 0.05, 100 + n))
    rois = tuple(b.roi(i, zs) for i, b in enumerate(blobs, start=1))
    return StructureSet(sop_uid="srs-ss", frame_of_reference_uid="SRS", rois=rois, label="SRS")


def _dose_grid(arr: np.ndarray, origin: tuple[float, float, float], spacing: float, uid: str, frame: str) -> DoseGrid:
    a = arr.astype(np.float32)
    grid = Grid(a.shape, (spacing,) * 3, origin, np.eye(3), frame)
    return DoseGrid(sop_uid=uid, frame_of_reference_uid=frame, grid=grid, dose_type="PHYSICAL", units="GY",
                    summation_type="PLAN", loader=lambda: a)


def srs_doses(spacing_mm: float = 1.0, origin_shift_mm: float = 0.0) -> tuple[DoseGrid, DoseGrid]:
    """(IMRT, VMAT) doses on the same grid (the VMAT grid's origin shifted by ``origin_shift_mm``
    in x and y, as happens when the two plans' dose grids were placed separately)."""
    from scipy.special import erf

    lo = np.array([-80.0, -100.0, -60.0])
    n = (int(140 / spacing_mm) + 1, int(200 / spacing_mm) + 1, int(160 / spacing_mm) + 1)  # z, y, x

    def axes(shift: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (lo[2] + spacing_mm * np.arange(n[0]), lo[1] + shift + spacing_mm * np.arange(n[1]),
                lo[0] + shift + spacing_mm * np.arange(n[2]))

    def plan(kind: str, shift: float) -> np.ndarray:
        az, ay, ax = axes(shift)
        total = np.zeros(n, np.float64)
        rng = np.random.default_rng(7 if kind == "imrt" else 8)
        for (cx, cy, cz), r, rx in SRS_METS:
            R = r + PTV_MARGIN_MM
            reach = 40.0  # contributions are computed within this distance of the target's centre
            sl = tuple(slice(int(np.searchsorted(a, c - reach)), int(np.searchsorted(a, c + reach)))
                       for a, c in ((az, cz), (ay, cy), (ax, cx)))
            z, y, x = np.meshgrid(az[sl[0]], ay[sl[1]], ax[sl[2]], indexing="ij", sparse=True)
            d = np.sqrt((x - cx) ** 2 + (y - cy) ** 2 + (z - cz) ** 2)
            if kind == "imrt":  # softer fall-off, 110 % maximum, a bath in streaks along 9 fields
                core = 1.0 + 0.10 * np.exp(-(d / (0.6 * R)) ** 2)
                fall = 0.5 * (1 - erf((d - R - 0.5) / (1.5 + 0.2 * R)))
                bath = np.zeros(d.shape)
                for ang in np.linspace(0, 2 * np.pi, 9, endpoint=False) + rng.uniform(0, 0.3):
                    ux, uy = math.cos(ang), math.sin(ang)
                    along = (x - cx) * ux + (y - cy) * uy
                    perp2 = ((x - cx) * uy - (y - cy) * ux) ** 2 + (z - cz) ** 2
                    bath = bath + 0.02 * np.exp(-perp2 / (2 * (R + 3) ** 2)) * np.exp(-np.abs(along) / 120)
            else:  # steeper fall-off, 125 % maximum, a rounder bath (arcs)
                core = 1.0 + 0.25 * np.exp(-(d / (0.55 * R)) ** 2)
                fall = 0.5 * (1 - erf((d - R + 0.1) / (1.2 + 0.15 * R)))
                bath = 0.05 * np.exp(-((d - R).clip(0)) / (2 + 0.5 * R)) * (1 - fall)
            total[sl] += rx * (core * fall + bath * (1 - fall))
        return total

    imrt = _dose_grid(plan("imrt", 0.0), (lo[0], lo[1], lo[2]), spacing_mm, "srs-imrt", "SRS")
    vmat = _dose_grid(plan("vmat", origin_shift_mm), (lo[0] + origin_shift_mm, lo[1] + origin_shift_mm, lo[2]),
                      spacing_mm, "srs-vmat", "SRS")
    return imrt, vmat


# --- large case on disk ----------------------------------------------------------------------------
def large_rois(n_rois: int, zs: np.ndarray, seed: int = 11) -> list[Blob]:
    """A body outline over every plane and ``n_rois - 1`` organ-like ellipsoids inside it."""
    rng = np.random.default_rng(seed)
    z_mid, z_half = float(zs.mean()), float(zs.max() - zs.min()) / 2
    blobs = [Blob("BODY", (0.0, 0.0, z_mid), (200.0, 130.0, z_half + 50.0), "EXTERNAL", 0.02, seed)]
    for n in range(1, n_rois):
        c = (float(rng.uniform(-130, 130)), float(rng.uniform(-70, 70)), float(rng.uniform(zs.min() + 40, zs.max() - 40)))
        a = (float(rng.uniform(8, 50)), float(rng.uniform(8, 40)), float(rng.uniform(10, 120)))
        blobs.append(Blob(f"ROI{n:02d}", c, a, "ORGAN", 0.05, seed + n))
    return blobs


def write_large_case(folder: Path, n_slices: int = 400, n_rois: int = 60, pixel_mm: float = 0.977,
                     slice_mm: float = 2.0, dose_mm: float = 2.0) -> Path:
    """Write CT (512 x 512 x ``n_slices``), RTSTRUCT (``n_rois`` ROIs on the CT planes) and two
    RTDOSEs (a plan-like dose and a shifted, rescaled, noisy copy; ``dose_mm`` grid over the CT)
    into ``folder`` unless they are there already; returns the folder."""
    import pydicom
    from pydicom.dataset import FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    from plannerview.io.rtstruct_writer import write_rtstruct
    from plannerview.model import ImageVolume
    from plannerview.model.common import PatientRef

    folder = Path(folder)
    done = folder / "complete.txt"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(1)
    frame, study, series = generate_uid(), generate_uid(), generate_uid()
    nx = ny = 512
    x0 = -(nx - 1) / 2 * pixel_mm
    zs = np.round(-(n_slices - 1) / 2 * slice_mm + slice_mm * np.arange(n_slices), 3)
    xs = x0 + pixel_mm * np.arange(nx)
    yy, xx = np.meshgrid(xs, xs, indexing="ij")
    body2d = (xx / 200.0) ** 2 + (yy / 130.0) ** 2 <= 1
    sops = []
    ct_dir = folder / "CT"
    ct_dir.mkdir(exist_ok=True)
    for k, z in enumerate(zs):
        hu = np.where(body2d, 20.0, -1000.0) + rng.normal(0, 15, (ny, nx))
        hu[(((xx - 60) / 45) ** 2 + (yy / 60) ** 2 <= 1) | (((xx + 60) / 45) ** 2 + (yy / 60) ** 2 <= 1)] -= 800
        ds = pydicom.Dataset()
        sop = generate_uid()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
        ds.file_meta.MediaStorageSOPInstanceUID = sop
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SOPClassUID, ds.SOPInstanceUID = "1.2.840.10008.5.1.4.1.1.2", sop
        ds.PatientName, ds.PatientID, ds.StudyInstanceUID, ds.SeriesInstanceUID = "Scale^Case", "SCALE", study, series
        ds.Modality, ds.FrameOfReferenceUID, ds.PatientPosition = "CT", frame, "HFS"
        ds.StudyDate, ds.StudyTime, ds.SeriesNumber, ds.InstanceNumber = "20260101", "120000", 1, k + 1
        ds.ImagePositionPatient = [f"{x0:.3f}", f"{x0:.3f}", f"{z:.3f}"]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [f"{pixel_mm:g}", f"{pixel_mm:g}"]
        ds.SliceThickness = f"{slice_mm:g}"
        ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.Rows, ds.Columns = 1, "MONOCHROME2", ny, nx
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = "0", "1"
        ds.PixelData = np.round(hu).astype("<i2").tobytes()
        ds.save_as(ct_dir / f"CT_{k + 1:04d}.dcm", enforce_file_format=True)
        sops.append(sop)
    # structures on the CT planes
    blobs = large_rois(n_rois, zs)
    rois = [b.roi(i, zs) for i, b in enumerate(blobs, start=1)]
    grid = Grid((n_slices, ny, nx), (slice_mm, pixel_mm, pixel_mm), (x0, x0, float(zs[0])), np.eye(3), frame)
    image = ImageVolume(sop_uid=series, frame_of_reference_uid=frame, grid=grid, modality="CT",
                        patient=PatientRef(name="Scale^Case", id="SCALE"), study_uid=study, series_uid=series,
                        slice_sop_uids=tuple(sops), slice_files=(str(ct_dir / "CT_0001.dcm"),))
    write_rtstruct(folder / "RS_scale.dcm", image, rois, label="scale")
    # two doses on a dose_mm grid over the CT
    from peers.write_dicom import write_rtdose_file

    nd = (n_slices * slice_mm / dose_mm, ny * pixel_mm / dose_mm, nx * pixel_mm / dose_mm)
    nz_d, ny_d, nx_d = (int(v) for v in nd)
    dg = Grid((nz_d, ny_d, nx_d), (dose_mm,) * 3, (x0, x0, float(zs[0])), np.eye(3), frame)
    az, ay, ax = dg.axis_coords_mm()
    z3, y3, x3 = np.meshgrid(az, ay, ax, indexing="ij", sparse=True)
    zc = float(zs.mean())
    plan = 60 * np.exp(-((x3 - 20) ** 2 / (2 * 45.0**2) + (y3 / 0.8) ** 2 / (2 * 45.0**2)
                         + (z3 - zc) ** 2 / (2 * 90.0**2))).astype(np.float32)
    plan += (4 * np.exp(-((x3 / 200.0) ** 2 + (y3 / 130.0) ** 2))).astype(np.float32)
    write_rtdose_file(dg, plan.astype(np.float64), folder / "RD_plan.dcm", frame, study, "Scale^Case")
    moved = 1.02 * 60 * np.exp(-((x3 - 21) ** 2 / (2 * 45.0**2) + (y3 / 0.8) ** 2 / (2 * 45.0**2)
                                 + (z3 - zc - 1) ** 2 / (2 * 90.0**2)))
    moved = moved + 4 * np.exp(-((x3 / 200.0) ** 2 + (y3 / 130.0) ** 2)) + rng.normal(0, 0.3, moved.shape)
    write_rtdose_file(dg, np.clip(moved, 0, None), folder / "RD_eval.dcm", frame, study, "Scale^Case")
    done.write_text(f"{n_slices} slices, {n_rois} ROIs, dose {nx_d} x {ny_d} x {nz_d} at {dose_mm} mm\n")
    return folder
