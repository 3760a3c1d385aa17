"""Linear-quadratic conversions: BED and EQD2, voxel-wise.

BED = D (1 + d / (alpha/beta)),  EQD2 = BED / (1 + 2 / (alpha/beta)),
with D the total dose and d = D / n the dose per fraction (all in Gy).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


def bed_gy(total_dose_gy: npt.ArrayLike, n_fractions: float, alpha_beta_gy: npt.ArrayLike) -> np.ndarray:
    """Biologically effective dose for ``n_fractions`` equal fractions."""
    if n_fractions <= 0:
        raise ValueError("the number of fractions must be positive")
    d = np.asarray(total_dose_gy, dtype=np.float64)
    ab = np.asarray(alpha_beta_gy, dtype=np.float64)
    if np.any(ab <= 0):
        raise ValueError("alpha/beta must be positive")
    return d * (1.0 + (d / n_fractions) / ab)


def eqd2_gy(total_dose_gy: npt.ArrayLike, n_fractions: float, alpha_beta_gy: npt.ArrayLike) -> np.ndarray:
    """Equivalent dose in 2 Gy fractions."""
    ab = np.asarray(alpha_beta_gy, dtype=np.float64)
    return bed_gy(total_dose_gy, n_fractions, ab) / (1.0 + 2.0 / ab)


def total_dose_for_eqd2_gy(eqd2: float, n_fractions: float, alpha_beta_gy: float) -> float:
    """Inverse of :func:`eqd2_gy`: the total dose in ``n_fractions`` with the given EQD2."""
    # EQD2 (1 + 2/ab) = D + D^2 / (n ab)  ->  D^2/(n ab) + D - EQD2 (1 + 2/ab) = 0
    a = 1.0 / (n_fractions * alpha_beta_gy)
    c = -eqd2 * (1.0 + 2.0 / alpha_beta_gy)
    return float((-1.0 + np.sqrt(1.0 - 4.0 * a * c)) / (2.0 * a))
