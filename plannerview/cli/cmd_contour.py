"""``plannerview contour PATH... --engine NAME [--param k=v ...] --out RS.dcm``: automatic contours
from a plugin's contour engine, written with the original ROIs into a new structure set.

Also holds the helpers ``margin`` and ``roi-op`` share: picking the structure set and its image,
rasterising ROIs and writing the new structure set through the one RTSTRUCT save path
(:func:`plannerview.review.structure_save.save_new_structure_set`, also used by the GUI editor).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import numpy as np

from ..model import ROI, Case, ImageVolume, StructureSet
from ..review.structure_save import NewRoiContours, NewRoiMask, save_new_structure_set
from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_overwrite_option,
    check_output,
    esc,
    esc_lines,
    load_case,
    print_json,
    select,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contour", help="automatic contours from a plugin engine into a new RTSTRUCT")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders holding the CT (and structures)")
    p.add_argument("--engine", required=True, help="contour engine: NAME or PLUGIN:NAME (see plannerview plugins)")
    p.add_argument("--param", action="append", default=[], metavar="K=V", help="engine parameter (repeatable)")
    add_common_options(p)
    p.set_defaults(func=run)


def add_common_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--structures", metavar="SEL", help="source structure set (file, UID or label)")
    p.add_argument("--image", metavar="SEL", help="image series (default: the structure set's CT)")
    p.add_argument("--out", required=True, metavar="RS.dcm", help="new structure set: the originals plus the results")
    p.add_argument("--label", default="plannerview", help="StructureSetLabel of the new file")
    p.add_argument("--holes", choices=("xor", "keyhole"), default="xor",
                   help="how holes are written: xor = a separate contour inside the outer one (default); "
                        "keyhole = spliced into the outer contour through a zero-width cut, so readers that "
                        "OR a plane's contours (plastimatch's default) also keep them")
    p.add_argument("--json", action="store_true")
    add_overwrite_option(p)


def run(args: argparse.Namespace) -> int:
    from ..plugin_api import ParamError
    from ..plugins import InputRefused, PluginFault, PluginUnavailable, default_registry, run_contour_engine

    case = load_case(args.paths)
    check_output(args.out, args.overwrite)
    ss, image = pick_inputs(case, args.structures, args.image, need_structures=False)
    registry = default_registry()
    try:
        record, contrib = registry.find("contour_engine", args.engine)
        params = contrib.parameters.parse_cli(args.param)
        result = run_contour_engine(registry, f"{record.name}:{contrib.name}", case, image, ss, params)
    except (PluginUnavailable, ParamError, InputRefused) as exc:
        raise UsageError(str(exc)) from None
    except PluginFault as exc:
        print(f"plannerview contour: {esc_lines(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    new = [NewRoiMask(r.result.name, r.result.mask, r.provenance, r.result.interpreted_type, r.result.color_rgb,
                      "AUTOMATIC", r.result.description) for r in result.rois]
    doc = write_new_structure_set(args.out, image, ss, new, args.label, args.holes, args.overwrite)
    doc["engine"] = f"{record.name}:{contrib.name}"
    doc["engine_seconds"] = round(result.seconds, 3)
    report(doc, args.json)
    return EXIT_OK


def pick_inputs(case: Case, structures: str | None, image_sel: str | None,
                need_structures: bool = True) -> tuple[StructureSet | None, ImageVolume]:
    """The structure set (by selector, else the only one) and the image it lies on."""
    ss: StructureSet | None = None
    img: object = None
    if structures or case.structure_sets:
        obj = select(case, "structures", structures)  # lists the candidates when there are several
        assert isinstance(obj, StructureSet)
        ss = obj
    elif need_structures:
        raise UsageError("no structure set found in the input")
    if image_sel:
        img = select(case, "image", image_sel)
    elif ss is not None:
        img = case.image_for_frame(ss.frame_of_reference_uid, "CT") if ss.frame_of_reference_uid else None
        if img is None:
            raise UsageError(f"no image on the frame of reference of structure set {ss.label!r} "
                             f"({ss.frame_of_reference_uid or 'unknown'}); add the CT or use --image")
    else:
        img = select(case, "image", None)
    if not isinstance(img, ImageVolume):
        raise UsageError("no image series found in the input")
    if not img.grid.is_axis_aligned:
        raise UsageError(f"image {img.label!r} is not axial; contours need an axial image")
    return ss, img


def roi_mask(ss: StructureSet | None, name: str, image: ImageVolume) -> tuple[ROI, np.ndarray]:
    """An ROI by name (exact, then case-insensitive) rasterised on the image grid."""
    from ..compute.masks import roi_mask_on_grid

    if ss is None:
        raise UsageError("no structure set found in the input")
    try:
        roi = ss.roi(name)
    except KeyError:
        names = ", ".join(r.name for r in ss.rois)
        raise UsageError(f"no ROI named {name!r} in structure set {ss.label!r} ({ss.file}); ROIs: {names}") from None
    if not roi.planes:
        raise UsageError(f"ROI {roi.name!r} has no closed contours")
    return roi, roi_mask_on_grid(roi, image.grid)


def write_new_structure_set(out: str, image: ImageVolume, ss: StructureSet | None,
                            new: Sequence[NewRoiMask | NewRoiContours], label: str, holes: str = "xor",
                            overwrite: bool = False) -> dict:
    """Write the new structure set (the one save path) and return the ``--json`` document; a file
    that exists (without ``--overwrite``), is an input or cannot be written is bad input (exit 2)."""
    try:
        return save_new_structure_set(out, image, ss, new, label=label, holes=holes, overwrite=overwrite).to_json()
    except (FileExistsError, ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None


def report(doc: dict, as_json: bool) -> None:
    if as_json:
        print_json(doc)
        return
    print(f"wrote {esc(doc['out'])}: {doc['original_rois']} original ROIs + {len(doc['new_rois'])} new")
    for r in doc["new_rois"]:
        print(f"  {r['number']:>3} {esc(r['name']):<20} {esc(r['type']) or '-':<10} {r['volume_cc']:10.2f} cc "
              f"{r['contours']:5d} contours")
