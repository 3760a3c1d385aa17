"""plannerview-contouring: automatic CT contours (body, lungs, bones, air cavities) with SimpleITK,
numpy and scipy. Uses only the public plugin API (``plannerview.plugin_api``) and the model.

This module holds only the manifest: the engines (and SimpleITK, scipy) are imported when one is
first run, so listing plugins stays fast."""

from __future__ import annotations

from plannerview.plugin_api import CONTOUR_ENGINE, Contribution, Manifest, Param, ParamSchema

__version__ = "0.1.0"

BODY = (
    Param("body_threshold_hu", "float", -350.0, "tissue above this is patient (air and foam below)", "HU",
          -900.0, 0.0),
    Param("couch_cut_mm", "float", 5.0, "structures thinner than twice this (couch, cables) are cut away",
          "mm", 1.0, 20.0),
)
LUNGS = (
    Param("lung_threshold_hu", "float", -400.0, "lung tissue is below this", "HU", -900.0, -100.0),
    Param("airway_hu", "float", -950.0, "trachea and bronchi are grown below this (made stricter on leaks)",
          "HU", -1024.0, -800.0),
    Param("min_lung_cc", "float", 100.0, "smallest component counted as a lung", "cc", 1.0, 2000.0),
    Param("lung_closing_mm", "float", 3.0, "in-plane closing radius that keeps vessels in the lungs", "mm",
          0.0, 15.0),
)
BONES = (
    Param("bone_threshold_hu", "float", 200.0, "bone is above this", "HU", 100.0, 1000.0),
    Param("min_bone_cc", "float", 0.5, "bone pieces smaller than this are dropped", "cc", 0.0, 100.0),
)
AIR = (
    Param("air_threshold_hu", "float", -400.0, "air is below this", "HU", -1000.0, -200.0),
    Param("min_air_cc", "float", 0.2, "air pockets smaller than this are dropped", "cc", 0.0, 100.0),
)
NEEDS = ("image:CT",)

manifest = Manifest(
    name="plannerview-contouring",
    version=__version__,
    api_version="1.1",
    description="Automatic CT contours: external, lungs (left/right, airways removed), bones, air cavities",
    contributions=(
        Contribution(CONTOUR_ENGINE, "body", "plannerview_contouring.engines:BodyEngine", "Body (external)",
                     "patient outline; couch and outside air excluded", ParamSchema(BODY), NEEDS),
        Contribution(CONTOUR_ENGINE, "lungs", "plannerview_contouring.engines:LungsEngine", "Lungs (left, right)",
                     "left and right lungs; trachea and main bronchi removed", ParamSchema(BODY + LUNGS), NEEDS),
        Contribution(CONTOUR_ENGINE, "bones", "plannerview_contouring.engines:BonesEngine", "Bones", "bone by threshold, marrow filled",
                     ParamSchema(BODY + BONES), NEEDS),
        Contribution(CONTOUR_ENGINE, "air_cavities", "plannerview_contouring.engines:AirCavitiesEngine", "Air cavities",
                     "air inside the body outside the lungs", ParamSchema(BODY + AIR), NEEDS),
        Contribution(CONTOUR_ENGINE, "all", "plannerview_contouring.engines:AllEngine", "Body, lungs, bones, air cavities",
                     "all automatic structures in one pass", ParamSchema(BODY + LUNGS + BONES + AIR), NEEDS),
    ),
)
