"""Independent truth read straight from the DICOM files with pydicom (no plannerview code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom


class CtSeries:
    """Axial CT slices: HU of the voxel containing a point (nearest centre)."""

    def __init__(self, folder: Path) -> None:
        dss = [pydicom.dcmread(f) for f in sorted(Path(folder).glob("*.dcm"))]
        dss = [d for d in dss if d.Modality == "CT"]
        dss.sort(key=lambda d: float(d.ImagePositionPatient[2]))
        self.z = np.array([float(d.ImagePositionPatient[2]) for d in dss])
        self.slices = dss

    def hu_at(self, p: np.ndarray) -> float:
        k = int(np.argmin(np.abs(self.z - p[2])))
        ds = self.slices[k]
        ipp = np.array([float(v) for v in ds.ImagePositionPatient])
        iop = np.array([float(v) for v in ds.ImageOrientationPatient])
        row_sp, col_sp = (float(v) for v in ds.PixelSpacing)
        d = p - ipp
        col = int(round(float(np.dot(d, iop[:3])) / col_sp))
        row = int(round(float(np.dot(d, iop[3:])) / row_sp))
        arr = ds.pixel_array.astype(float) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        return float(arr[row, col])


class DoseFile:
    """An axial RTDOSE: trilinear dose at a point, written out corner by corner."""

    def __init__(self, path: Path) -> None:
        ds = pydicom.dcmread(path)
        self.arr = ds.pixel_array.astype(np.float64) * float(ds.DoseGridScaling)  # [k, j, i]
        self.ipp = np.array([float(v) for v in ds.ImagePositionPatient])
        self.row_sp, self.col_sp = (float(v) for v in ds.PixelSpacing)
        self.z = self.ipp[2] + np.array([float(v) for v in ds.GridFrameOffsetVector])
        iop = [float(v) for v in ds.ImageOrientationPatient]
        assert iop == [1.0, 0.0, 0.0, 0.0, 1.0, 0.0], "test helper handles HFS axial doses only"

    def index_to_patient(self, i: int, j: int, k: int) -> np.ndarray:
        return np.array([self.ipp[0] + i * self.col_sp, self.ipp[1] + j * self.row_sp, self.z[k]])

    def dose_at(self, p: np.ndarray) -> float:
        fi = (p[0] - self.ipp[0]) / self.col_sp
        fj = (p[1] - self.ipp[1]) / self.row_sp
        fk = float(np.interp(p[2], self.z, np.arange(len(self.z))))
        i0, j0, k0 = int(np.floor(fi)), int(np.floor(fj)), int(np.floor(fk))
        ti, tj, tk = fi - i0, fj - j0, fk - k0
        total = 0.0
        for di, wi in ((0, 1 - ti), (1, ti)):
            for dj, wj in ((0, 1 - tj), (1, tj)):
                for dk, wk in ((0, 1 - tk), (1, tk)):
                    w = wi * wj * wk
                    if w:
                        total += w * self.arr[k0 + dk, j0 + dj, i0 + di]
        return total


class StructFile:
    """RTSTRUCT closed contours: which ROIs contain a point (even-odd rule, nearest contour plane)."""

    def __init__(self, path: Path) -> None:
        ds = pydicom.dcmread(path, force=True)
        names = {int(r.ROINumber): str(r.ROIName) for r in ds.StructureSetROISequence}
        self.rois: dict[str, dict[float, list[np.ndarray]]] = {}
        for rc in ds.ROIContourSequence:
            planes: dict[float, list[np.ndarray]] = {}
            for c in getattr(rc, "ContourSequence", []):
                if c.ContourGeometricType != "CLOSED_PLANAR":
                    continue
                pts = np.array([float(v) for v in c.ContourData]).reshape(-1, 3)
                planes.setdefault(round(float(pts[0, 2]), 2), []).append(pts[:, :2])
            self.rois[names[int(rc.ReferencedROINumber)]] = planes

    def rois_at(self, p: np.ndarray) -> set[str]:
        out = set()
        for name, planes in self.rois.items():
            if not planes:
                continue
            zs = np.array(sorted(planes))
            half = 0.5 * (float(np.min(np.diff(zs))) if len(zs) > 1 else 2.5)
            z = zs[int(np.argmin(np.abs(zs - p[2])))]
            if abs(z - p[2]) > half + 1e-6:
                continue
            crossings = 0
            for poly in planes[float(z)]:
                for (x1, y1), (x2, y2) in zip(poly, np.roll(poly, -1, axis=0), strict=True):
                    if (y1 > p[1]) != (y2 > p[1]) and p[0] < x1 + (p[1] - y1) * (x2 - x1) / (y2 - y1):
                        crossings += 1
            if crossings % 2:
                out.add(name)
        return out
