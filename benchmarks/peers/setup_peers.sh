#!/usr/bin/env bash
# Create the peer tools' virtual environments used by bench_rtstruct_peers.py, bench_dvh.py and
# bench_gamma.py, each under benchmarks/.venv-<peer> (gitignored), from the package registry. Never
# installs into plannerview's own venv. Re-running skips an environment that already exists.
#
#     bash benchmarks/peers/setup_peers.sh [python3]
set -euo pipefail
PY=${1:-python3}
cd "$(dirname "$0")/.."

make_venv() {  # name, packages...
    local dir=".venv-$1"; shift
    if [ -x "$dir/bin/python" ]; then echo "$dir exists"; return; fi
    "$PY" -m venv "$dir"
    "$dir/bin/pip" install --quiet --upgrade pip
    "$dir/bin/pip" install --quiet "$@"
    echo "$dir: $("$dir/bin/pip" freeze | tr '\n' ' ')"
}

# dicompyler-core 0.5.6 does not import with pydicom 3; scikit-image for its interpolation options;
# shapely for DicomParser.CalculateStructureVolume
make_venv dicompyler "dicompyler-core==0.5.6" "pydicom<3" "numpy<2" scikit-image shapely
# the PyPI package ships a static plastimatch binary (bin/plastimatch); numpy for the wrapper
make_venv plastimatch "plastimatch==1.10.0" numpy
make_venv rtutils "rt-utils==1.2.7"
# pymedphys' gamma needs numba, numpy and scipy, which its base install does not declare
make_venv pymedphys "pymedphys==0.41.*" numba numpy scipy
