"""Per-slice pixel work of the slice views, free of Qt: numpy arrays in, numpy arrays out.

- :mod:`.colormaps`: the colour tables (dose wash, difference, gamma, isodose colours).
- :mod:`.grey`: window/level of an image slice to grey levels; the registered-overlay layer.
- :mod:`.dose`: the dose on a slice at the dose grid's own resolution, the wash, the
  comparison maps and the isodose lines.
- :mod:`.contours`: ROI layers (axial polygons and cut masks in plane millimetres, mask fills).

Plane millimetres: pixel (row r, col c) of a view's slice covers ``[c*du, (c+1)*du] x
[r*dv, (r+1)*dv]`` (its centre at ``((c + 0.5) du, (r + 0.5) dv)``). ``ui.slice_view`` turns the
arrays made here into ``QImage`` objects and paint paths and draws them through one transform.
"""
