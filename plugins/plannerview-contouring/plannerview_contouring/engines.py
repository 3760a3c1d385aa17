"""The contour engines: each reads the CT from the request and returns masks with names and types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from plannerview.plugin_api import ContourRequest, ContourResult, PluginContext, PluginInputError

from .body import body_mask
from .bones import air_cavity_mask, bone_mask
from .lungs import lung_masks


def _ct(request: ContourRequest) -> tuple[np.ndarray, tuple[float, float, float]]:
    img = request.image
    if img.modality.upper() != "CT":
        raise PluginInputError(f"automatic contours need a CT, got a {img.modality} series ({img.label})")
    if not img.grid.is_axis_aligned:
        raise PluginInputError(f"automatic contours need an axial CT; {img.label} is oblique")
    return np.asarray(img.voxels), img.grid.spacing_mm


def _x_of_column(request: ContourRequest) -> np.ndarray:
    """Patient x (mm) of each image column (flipped for feet-first or prone images)."""
    return request.image.grid.axis_coords_mm()[2]


def _body(request: ContourRequest, ctx: PluginContext, hu: np.ndarray, spacing: tuple[float, float, float]
          ) -> np.ndarray:
    p = request.parameters
    ctx.progress(0.05, "body outline")
    return body_mask(hu, spacing, threshold_hu=p.get("body_threshold_hu", -350.0),
                     couch_cut_mm=p.get("couch_cut_mm", 5.0))


def _start(request: ContourRequest, ctx: PluginContext) -> tuple[np.ndarray, tuple[float, float, float], Mapping[str, Any], np.ndarray]:
    """CT, spacing, parameters and body mask: what every engine begins with."""
    hu, spacing = _ct(request)
    body = _body(request, ctx, hu, spacing)
    ctx.check_cancel()
    return hu, spacing, request.parameters, body


def _lungs(request: ContourRequest, hu: np.ndarray, body: np.ndarray,
           spacing: tuple[float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    p = request.parameters
    return lung_masks(hu, body, spacing, _x_of_column(request), threshold_hu=p["lung_threshold_hu"],
                      airway_hu=p["airway_hu"], min_lung_cc=p["min_lung_cc"], closing_mm=p["lung_closing_mm"])


class BodyEngine:
    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        hu, spacing = _ct(request)
        body = _body(request, ctx, hu, spacing)
        ctx.progress(1.0, "body done")
        return [ContourResult("BODY", body, "EXTERNAL", (0, 160, 0), "external outline, couch and outside air excluded")]


class LungsEngine:
    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        hu, spacing, _, body = _start(request, ctx)
        ctx.progress(0.4, "lungs")
        right, left = _lungs(request, hu, body, spacing)
        ctx.progress(1.0, "lungs done")
        return [ContourResult("Lung_R", right, "ORGAN", (0, 140, 255), "right lung, airways removed"),
                ContourResult("Lung_L", left, "ORGAN", (255, 140, 0), "left lung, airways removed")]


class BonesEngine:
    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        hu, spacing, p, body = _start(request, ctx)
        ctx.progress(0.5, "bones")
        bones = bone_mask(hu, body, spacing, threshold_hu=p["bone_threshold_hu"], min_cc=p["min_bone_cc"])
        ctx.progress(1.0, "bones done")
        return [ContourResult("Bones", bones, "ORGAN", (230, 230, 200), "bone above the threshold, marrow filled")]


class AirCavitiesEngine:
    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        hu, spacing, p, body = _start(request, ctx)
        ctx.progress(0.4, "lungs")
        right, left = lung_masks(hu, body, spacing, _x_of_column(request))
        ctx.progress(0.8, "air cavities")
        air = air_cavity_mask(hu, body, right | left, spacing, threshold_hu=p["air_threshold_hu"],
                              min_cc=p["min_air_cc"])
        ctx.progress(1.0, "air cavities done")
        return [ContourResult("Air_Cavities", air, "CAVITY", (120, 200, 255),
                              "air inside the body outside the lungs (airways, gas)")]


class AllEngine:
    """Body, lungs, bones and air cavities in one pass (the body is found once)."""

    def contour(self, request: ContourRequest, ctx: PluginContext) -> Sequence[ContourResult]:
        hu, spacing, p, body = _start(request, ctx)
        ctx.progress(0.3, "lungs")
        right, left = _lungs(request, hu, body, spacing)
        ctx.check_cancel()
        ctx.progress(0.6, "bones")
        bones = bone_mask(hu, body, spacing, threshold_hu=p["bone_threshold_hu"], min_cc=p["min_bone_cc"])
        ctx.progress(0.8, "air cavities")
        air = air_cavity_mask(hu, body, right | left, spacing, threshold_hu=p["air_threshold_hu"],
                              min_cc=p["min_air_cc"])
        ctx.progress(1.0, "done")
        return [ContourResult("BODY", body, "EXTERNAL", (0, 160, 0), "external outline"),
                ContourResult("Lung_R", right, "ORGAN", (0, 140, 255), "right lung"),
                ContourResult("Lung_L", left, "ORGAN", (255, 140, 0), "left lung"),
                ContourResult("Bones", bones, "ORGAN", (230, 230, 200), "bones"),
                ContourResult("Air_Cavities", air, "CAVITY", (120, 200, 255), "air cavities")]
