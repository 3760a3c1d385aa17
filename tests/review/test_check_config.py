"""Check configuration: the bundled defaults, site files that switch checks off or change thresholds
and citations, clear errors for bad files, and the `plannerview check` command line."""

from __future__ import annotations

import json

import pytest
import yaml

from plannerview.cli.main import main
from plannerview.resources import checks_dir
from plannerview.review.checks import ConfigError, Status, load_config, registered

from .cases import DEMO_RT


def _site(tmp_path, doc) -> str:
    p = tmp_path / "site.yaml"
    p.write_text(yaml.safe_dump(doc) if not isinstance(doc, str) else doc)
    return str(p)


def test_every_registered_check_is_configured_with_title_and_citation():
    cfg = load_config()
    data = yaml.safe_load((checks_dir() / "default.yaml").read_text())
    assert set(cfg.checks) == set(registered()) == set(data["checks"])
    assert len(cfg.checks) >= 21
    for c in cfg.checks.values():
        assert c.title and c.citation and c.enabled


def test_site_file_changes_threshold_citation_and_switches_off(tmp_path, capsys):
    site = _site(tmp_path, {"checks": {
        "dose_grid_resolution": {"thresholds": {"conventional_max_mm": 2.5}, "citation": "Site protocol RT-12 s.4"},
        "tg263_names": {"enabled": False},
        "couch_structure": {"severity": "WARN"}}})
    paths = [str(DEMO_RT[k]) for k in ("plan", "rs", "rd")]
    rc = main(["check", *paths, "--config", site, "--json"])
    doc = json.loads(capsys.readouterr().out)
    by_id = {c["id"]: c for c in doc["checks"]}
    # the demo dose grid is 3 x 3 x 2.5 mm: above the site's 2.5 mm
    assert by_id["dose_grid_resolution"]["status"] == "FAIL"
    assert by_id["dose_grid_resolution"]["citation"] == "Site protocol RT-12 s.4"
    assert "tg263_names" not in by_id and doc["disabled"] == ["tg263_names"]
    assert by_id["couch_structure"]["status"] == "WARN"  # capped by the site
    assert rc == 1 and doc["summary"]["FAIL"] == sum(c["status"] == "FAIL" for c in doc["checks"])
    assert site in doc["config"]["files"]


def test_check_cli_exit_codes(tmp_path, capsys):
    paths = [str(DEMO_RT[k]) for k in ("plan", "rs", "rd")]
    assert main(["check", *paths, "--json"]) == 1  # beams G154 and G206 pass through a couch the case lacks
    doc = json.loads(capsys.readouterr().out)
    fails = sorted(c["id"] for c in doc["checks"] if c["status"] == "FAIL")
    assert "couch_structure" in fails
    site = _site(tmp_path, {"checks": {k: {"enabled": False} for k in fails}})
    assert main(["check", *paths, "--config", site]) == 0
    out = capsys.readouterr().out
    assert "PASS" in out and "FAIL " not in out


@pytest.mark.parametrize("doc, words", [
    ({"checks": {"no_such_check": {"enabled": False}}}, ["unknown check 'no_such_check'"]),
    ({"checks": {"mu_per_gy": {"thresholds": {"imrt_warn_range": 5}}}}, ["'imrt_warn_range' must be a list"]),
    ({"checks": {"mu_per_gy": {"thresholds": {"bogus": 1}}}}, ["unknown threshold 'bogus'"]),
    ({"checks": {"mu_per_gy": {"enabled": "no"}}}, ["'enabled' must be true or false"]),
    ({"checks": {"mu_per_gy": {"colour": "red"}}}, ["unknown key(s) colour"]),
    ("checks: [unclosed", ["not a readable YAML file"]),
    ({"rules": {}}, ["'checks:' mapping"]),
])
def test_bad_site_files_are_refused_naming_file_and_key(tmp_path, capsys, doc, words):
    site = _site(tmp_path, doc)
    with pytest.raises(ConfigError) as exc:
        load_config(site)
    for w in [site, *words]:
        assert w in str(exc.value)
    assert main(["check", str(DEMO_RT["plan"]), "--config", site]) == 2
    assert site in capsys.readouterr().err


def test_a_broken_check_fails_instead_of_passing(monkeypatch):
    from plannerview.io.loader import load
    from plannerview.review.checks import make_context, registry, run_checks

    defs = registry.registered()

    def boom(ctx, p):
        raise RuntimeError("kaputt")

    monkeypatch.setitem(registry._REGISTRY, "approval_status", registry.CheckDef("approval_status", boom, __name__))
    case = load([str(DEMO_RT["plan"])])
    r = run_checks(make_context(case, case.plans[0]), only=["approval_status"]).result("approval_status")
    assert r.status == Status.FAIL and "kaputt" in r.message
    assert defs["approval_status"].fn is not boom
