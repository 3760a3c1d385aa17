"""Checking a contribution's declared ``needs`` against what a call gives it, before calling it.

Needs are read from the call's request (``image``, ``plan``, ``structure_set``, ``dose`` fields):
``image`` / ``image:CT`` (any modality), ``plan`` / ``plan:ion`` / ``plan:photon`` /
``plan:electron`` / ``plan:proton`` / ``plan:brachy``, ``structures``, ``dose``. Calls without a
request (services, widgets, commands, ``can_read``) are not checked. Unknown needs are ignored
(``plannerview plugins`` lists them).
"""

from __future__ import annotations

from typing import Any

from ..model import DoseGrid, ImageVolume, IonPlan, PlanBase, StructureSet
from ..plugin_api import Contribution, known_need


def _plan_kind(plan: PlanBase) -> str:
    return plan.kind or ("ion" if isinstance(plan, IonPlan) else "photon")


def _describe_image(img: ImageVolume) -> str:
    return f"{img.modality} series {img.label!r}"


def unmet_needs(contribution: Contribution, request: Any) -> list[str]:
    """What ``request`` lacks of the contribution's needs, one message per unmet need."""
    if request is None:
        return []
    image = getattr(request, "image", None)
    plan = getattr(request, "plan", None)
    ss = getattr(request, "structure_set", None)
    dose = getattr(request, "dose", None)
    out: list[str] = []
    for need in contribution.needs:
        if not known_need(need):
            continue
        what, _, sub = need.partition(":")
        if what == "image":
            if not isinstance(image, ImageVolume):
                out.append("it needs an image and none was given")
            elif sub and image.modality.upper() != sub:
                out.append(f"it needs a {sub} image; the input is the {_describe_image(image)}")
        elif what == "plan":
            if not isinstance(plan, PlanBase):
                out.append("it needs a plan and none was given")
            elif sub:
                kind = _plan_kind(plan)
                ok = kind == sub or (sub == "ion" and isinstance(plan, IonPlan))
                if not ok:
                    out.append(f"it needs {'an' if sub[0] in 'aeiou' else 'a'} {sub} plan; plan {plan.label!r} "
                               f"is {'an' if kind[0] in 'aeiou' else 'a'} {kind} plan")
        elif what == "structures" and not isinstance(ss, StructureSet):
            out.append("it needs a structure set and none was given")
        elif what == "dose" and not isinstance(dose, DoseGrid):
            out.append("it needs a dose and none was given")
    return out

