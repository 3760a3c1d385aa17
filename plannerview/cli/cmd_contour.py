"""``plannerview contour PATH... --engine NAME [--param k=v ...] --out RS.dcm``: automatic contours
from a plugin's contour engine, written with the original ROIs into a new structure set.

Also holds the helpers ``margin`` and ``roi-op`` share: picking the structure set and its image,
rasterising ROIs and writing the new structure set.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..model import ROI, Case, ImageVolume, Provenance, StructureSet
from .common import EXIT_FAILED, EXIT_OK, UsageError, load_case, print_json, select


@dataclass(frozen=True)
class NewMask:
    name: str
    mask: np.ndarray
    interpreted_type: str
    color_rgb: tuple[int, int, int]
    provenance: Provenance
    algorithm: str = "AUTOMATIC"
    description: str = ""


@dataclass(frozen=True)
class NewROI:
    """A new ROI that already has its contours (named and numbered when written)."""

    roi: ROI
    provenance: Provenance
    algorithm: str = "SEMIAUTOMATIC"
    description: str = ""


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


def run(args: argparse.Namespace) -> int:
    from ..plugin_api import ParamError
    from ..plugins_host import PluginError, discover, run_contour_engine

    case = load_case(args.paths)
    ss, image = pick_inputs(case, args.structures, args.image, need_structures=False)
    registry = discover()
    try:
        record, contrib = registry.find("contour_engine", args.engine)
        params = contrib.parameters.parse_cli(args.param)
    except (PluginError, ParamError) as exc:
        raise UsageError(str(exc)) from None
    try:
        result = run_contour_engine(registry, f"{record.name}:{contrib.name}", case, image, ss, params)
    except PluginError as exc:
        print(f"plannerview contour: {exc}")
        return EXIT_FAILED
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    new = [NewMask(r.result.name, r.result.mask, r.result.interpreted_type, r.result.color_rgb, r.provenance,
                   "AUTOMATIC", r.result.description) for r in result.rois]
    doc = write_new_structure_set(args.out, image, ss, new, args.label, args.holes)
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


def write_new_structure_set(out: str, image: ImageVolume, ss: StructureSet | None, new: Sequence[NewMask | NewROI],
                            label: str, holes: str = "xor") -> dict:
    """Trace the new masks (new ROIs with contours are taken as they are), number and name them
    without clashing, and write the new RTSTRUCT.

    ``holes`` ("xor" or "keyhole", see :func:`~plannerview.compute.mask_to_contours.mask_to_contours`)
    is recorded in each new ROI's provenance parameters.
    """
    from ..compute.contours import roi_volume_cc
    from ..compute.mask_to_contours import mask_to_roi
    from ..io.rtstruct_writer import write_rtstruct
    from ..plugins_host import next_roi_number, unique_roi_name

    t0 = time.perf_counter()
    originals = list(ss.rois) if ss is not None else []
    taken = [r.name for r in originals]
    number = next_roi_number(originals)
    rois: list[ROI] = []
    prov: dict[int, Provenance] = {}
    rows = []
    for nm in new:
        if isinstance(nm, NewROI):
            name = unique_roi_name(nm.roi.name, taken)
            roi = replace(nm.roi, number=number, name=name, generation_algorithm=nm.algorithm,
                          description=nm.description)
            row: dict = {"voxels": None, "mask_volume_cc": None}
        else:
            name = unique_roi_name(nm.name, taken)
            roi = mask_to_roi(nm.mask, image.grid, number, name, nm.interpreted_type, nm.color_rgb, nm.algorithm,
                              nm.description, image.slice_sop_uids, holes=holes)
            row = {"voxels": int(np.count_nonzero(nm.mask)),
                   "mask_volume_cc": round(float(np.count_nonzero(nm.mask)) * image.grid.voxel_volume_cc, 3)}
        taken.append(name)
        rois.append(roi)
        provenance = replace(nm.provenance, parameters={**nm.provenance.parameters, "holes": holes})
        prov[number] = provenance
        rows.append({"number": number, "name": name, "type": roi.interpreted_type, **row,
                     "volume_cc": round(roi_volume_cc(roi, image.grid.spacing_mm[0]) or 0.0, 3),
                     "contours": len(roi.contours), "provenance": provenance.to_json()})
        number += 1
    try:
        uid = write_rtstruct(out, image, rois, ss, prov, label=label)
    except (FileExistsError, ValueError, OSError) as exc:
        raise UsageError(str(exc)) from None
    return {"out": out, "sop_uid": uid, "source_structure_set": ss.sop_uid if ss is not None else None,
            "image_series": image.series_uid, "original_rois": len(originals), "new_rois": rows,
            "write_seconds": round(time.perf_counter() - t0, 3)}


def report(doc: dict, as_json: bool) -> None:
    if as_json:
        print_json(doc)
        return
    print(f"wrote {doc['out']}: {doc['original_rois']} original ROIs + {len(doc['new_rois'])} new")
    for r in doc["new_rois"]:
        print(f"  {r['number']:>3} {r['name']:<20} {r['type'] or '-':<10} {r['volume_cc']:10.2f} cc "
              f"{r['contours']:5d} contours")
