"""Compiled parallel kernels in a process forked after they ran (a worker pool with ``fork``, the
fuzzing harness): with numba on GNU OpenMP such a child used to be terminated at its first
parallel kernel. The child must finish and give the analytic DVH (and the same gamma) as the
parent, through the serial twins (``compute.parallel_kernels``)."""

from __future__ import annotations

import multiprocessing as mp
import os
from typing import Any

import numpy as np
import pytest

from plannerview.compute.dvh import compute_dvh
from plannerview.compute.gamma import gamma_index

from .analytic import FIELDS, dose_grid, sphere_roi, truth_metrics
from .dose_factory import make_dose

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _pair() -> tuple[Any, Any]:
    z, y, x = np.meshgrid(np.arange(20), np.arange(24), np.arange(28), indexing="ij")
    ref = 10.0 * np.exp(-((x - 14.0) ** 2 + (y - 12.0) ** 2 + (z - 10.0) ** 2) / 40.0)
    ev = 10.0 * np.exp(-((x - 14.6) ** 2 + (y - 12.0) ** 2 + (z - 10.0) ** 2) / 40.0)
    return make_dose(ref, 2.0), make_dose(ev * 1.01, 2.0)


def _work() -> tuple[float, float, list[float], float, float]:
    g, fn = FIELDS["z"]
    roi, _ = sphere_roi(10.0, 2.0)
    dvh = compute_dvh(roi, dose_grid(fn))
    ref, ev = _pair()
    gam = gamma_index(ref, ev, 3.0, 3.0, 10.0)
    return dvh.volume_cc, dvh.dmean, [dvh.dose_at_percent(p) for p in (2, 50, 95, 98)], gam.pass_rate_pct, dvh.dmax


def _child(conn: Any) -> None:
    from plannerview.compute.parallel_kernels import serial_only

    conn.send((serial_only(), _work()))
    conn.close()


def test_forked_child_computes_the_same_dvh_and_gamma() -> None:
    from numba import threading_layer

    parent = _work()  # the parallel kernels run here first
    layer = threading_layer()
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send,))
    proc.start()
    send.close()
    assert recv.poll(240), "the forked child gave no answer"
    serial, child = recv.recv()
    proc.join(30)
    assert proc.exitcode == 0
    assert serial == (layer != "tbb")  # GNU OpenMP is not fork-safe: the child ran the serial twins
    # the analytic truth (linear field along z: exact up to geometry), in the child as in the parent
    g, _ = FIELDS["z"]
    _, slabs = sphere_roi(10.0, 2.0)
    truth = truth_metrics(slabs, 2.0, "z", g, float(dose_grid(FIELDS["z"][1]).dose.max()))
    vol, dmean, d_pct, rate, dmax = child
    tol = 0.0005 * dmax  # as test_dvh_analytic in a linear field
    assert vol == pytest.approx(truth["volume_cc"], rel=0.01)
    assert dmean == pytest.approx(truth["Dmean"], abs=tol)
    for p, d in zip((2, 50, 95, 98), d_pct, strict=True):
        assert d == pytest.approx(truth[f"D{p}%"], abs=tol), f"D{p}%"
    # the serial twins run the same arithmetic: the same numbers as the parallel kernels
    assert child[:2] == parent[:2] and child[2] == parent[2]
    assert rate == parent[3]
