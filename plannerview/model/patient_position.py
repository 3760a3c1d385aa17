"""The eight DICOM patient positions as IEC 61217 patient-support axes in patient coordinates.

``POSITION_MATRIX[pos]`` has as columns the LPS vectors of the patient support axes (Xs, Ys, Zs):
a point ``s`` in the support system is ``p = M @ s`` in DICOM patient coordinates (LPS, mm).
HFS: x = Xs (patient left towards the viewer's right facing the gantry), y = -Zs (anterior up),
z = Ys (head towards the gantry). One table for the beam overlay, the plan checks and the dose
engines (plugins read it from the public model).
"""

from __future__ import annotations

import numpy as np

POSITION_MATRIX: dict[str, np.ndarray] = {
    "HFS": np.array([[1, 0, 0], [0, 0, -1], [0, 1, 0]], dtype=float),
    "FFS": np.array([[-1, 0, 0], [0, 0, -1], [0, -1, 0]], dtype=float),
    "HFP": np.array([[-1, 0, 0], [0, 0, 1], [0, 1, 0]], dtype=float),
    "FFP": np.array([[1, 0, 0], [0, 0, 1], [0, -1, 0]], dtype=float),
    "HFDL": np.array([[0, 0, -1], [-1, 0, 0], [0, 1, 0]], dtype=float),
    "HFDR": np.array([[0, 0, 1], [1, 0, 0], [0, 1, 0]], dtype=float),
    "FFDL": np.array([[0, 0, -1], [1, 0, 0], [0, -1, 0]], dtype=float),
    "FFDR": np.array([[0, 0, 1], [-1, 0, 0], [0, -1, 0]], dtype=float),
}
for _m in POSITION_MATRIX.values():
    _m.flags.writeable = False
PATIENT_POSITIONS: tuple[str, ...] = tuple(POSITION_MATRIX)

__all__ = ["PATIENT_POSITIONS", "POSITION_MATRIX"]
