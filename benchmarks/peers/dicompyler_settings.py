"""The DVH issue's dicompyler-core settings, shared by the peer scripts that run in
``benchmarks/.venv-dicompyler`` (imported from the scripts' own folder)."""


def interpolation_kwargs(rtdose_parser, interpolate: bool) -> dict:
    """``get_dvh`` keyword arguments: interpolation_resolution = dose pixel spacing / 4 and
    interpolation_segments_between_planes = 2, or none without interpolation."""
    if not interpolate:
        return {}
    row_mm, col_mm = (float(v) for v in rtdose_parser.ds.PixelSpacing)
    return {"interpolation_resolution": (row_mm / 4, col_mm / 4), "interpolation_segments_between_planes": 2}
