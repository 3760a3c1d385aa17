"""ROI volumes by plastimatch (``plastimatch convert``), for the RTSTRUCT cross-check
(``bench_rtstruct_peers.py``). The binary comes from the PyPI package ``plastimatch`` installed in
``benchmarks/.venv-plastimatch``; this wrapper only runs it and reads its images (any Python 3 with
numpy will do).

    python rtstruct_volumes_plastimatch.py CTDIR RTSTRUCT WORKDIR [--xor-contours] [--binary PATH]

CTDIR should hold the CT only (plastimatch also loads any RTSTRUCT it finds there).
``plastimatch convert --input RTSTRUCT --referenced-ct CTDIR --output-prefix WORKDIR/masks
--prefix-format mha --output-ss-list WORKDIR/ss.txt`` rasterises every ROI on the CT grid, one
uncompressed 8-bit MetaImage per ROI; volume = non-zero voxels x voxel volume (from the image
header). By default plastimatch ORs the contours of a plane, so a contour inside another (a hole)
is filled; ``--xor-contours`` passes plastimatch's option of that name, which XORs them (holes
kept, as DICOM and plannerview read them). Prints one JSON document: tool, voxel_cc, seconds of the conversion, total seconds and,
per ROI name, volume (cc) and voxel count (or an error).
"""

import argparse
import json
import subprocess
import time
from pathlib import Path

import numpy as np

DEFAULT_BINARY = Path(__file__).resolve().parents[1] / ".venv-plastimatch" / "bin" / "plastimatch"
MET_TYPES = {"MET_UCHAR": np.uint8, "MET_CHAR": np.int8, "MET_USHORT": np.uint16, "MET_SHORT": np.int16,
             "MET_UINT": np.uint32, "MET_INT": np.int32, "MET_FLOAT": np.float32}


def read_mha(path: Path) -> tuple[dict, np.ndarray]:
    """Header and voxels of an uncompressed single-file MetaImage (.mha)."""
    raw = path.read_bytes()
    header, pos = {}, 0
    while True:
        end = raw.index(b"\n", pos)
        key, _, value = raw[pos:end].decode("ascii").partition("=")
        header[key.strip()] = value.strip()
        pos = end + 1
        if key.strip() == "ElementDataFile":
            break
    if header.get("CompressedData", "False") == "True" or header["ElementDataFile"] != "LOCAL":
        raise ValueError(f"{path}: only uncompressed LOCAL MetaImages are read here")
    dims = [int(v) for v in header["DimSize"].split()]
    dtype = np.dtype(MET_TYPES[header["ElementType"]]).newbyteorder("<")
    data = np.frombuffer(raw, dtype=dtype, count=int(np.prod(dims)), offset=pos)
    return header, data


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ctdir")
    ap.add_argument("rtstruct")
    ap.add_argument("workdir")
    ap.add_argument("--xor-contours", action="store_true", help="plastimatch --xor-contours (keep holes)")
    ap.add_argument("--binary", default=str(DEFAULT_BINARY))
    args = ap.parse_args()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    ss_list = work / "ss.txt"
    t_all = time.perf_counter()
    proc = subprocess.run([args.binary, "convert", "--input", args.rtstruct, "--referenced-ct", args.ctdir,
                           "--output-prefix", str(work / "masks"), "--prefix-format", "mha",
                           "--output-ss-list", str(ss_list), *(["--xor-contours"] if args.xor_contours else [])],
                          capture_output=True, text=True)
    convert_s = time.perf_counter() - t_all
    if proc.returncode != 0:
        raise SystemExit(f"plastimatch convert failed ({proc.returncode}):\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    # ss.txt: "bit|R\G\B|name" per structure, in file order
    names = [line.split("|", 2)[2] for line in ss_list.read_text().splitlines() if line.count("|") >= 2]
    files = {p.stem: p for p in (work / "masks").glob("*.mha")}
    rois, voxel_cc = {}, None
    for name in names:
        path = files.get(name)
        if path is None:
            rois[name] = {"error": f"no mask image for {name!r} in {sorted(files)}"}
            continue
        header, data = read_mha(path)
        voxel_cc = float(np.prod([float(v) for v in header["ElementSpacing"].split()])) / 1000.0
        n = int(np.count_nonzero(data))
        rois[name] = {"volume_cc": n * voxel_cc, "voxels": n}
    version = subprocess.run([args.binary, "--version"], capture_output=True, text=True).stdout.strip()
    print(json.dumps({"tool": version.replace(" version", ""), "xor_contours": args.xor_contours, "voxel_cc": voxel_cc, "convert_seconds": convert_s,
                      "seconds": time.perf_counter() - t_all, "rois": rois}))


if __name__ == "__main__":
    main()
