"""The rule catalogue (core/rules.py) against everything a rule needs elsewhere: a title and a message
template in a text table of processing/ (both translated to zh_CN, the template's fields ones
processing/messages.py fills), a cited source (processing/citations.py), and params that are parameters
of an algorithm emitting the rule (its RULE_PREFIX / RULES). A failure names the rule and what it lacks.
"""
import importlib.util
import string
from pathlib import Path

import pytest

from ecospace.core.rules import RULES
from ecospace.processing import messages, text_delineation, text_exceptions, text_redline, text_reserves, text_units

TEXT_MODULES = (text_redline, text_units, text_reserves, text_delineation, text_exceptions)
ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "ecospace_zh_CN.ts"


@pytest.fixture
def english(monkeypatch):
    """The text tables in their source language (whatever translator another test left installed)."""
    for module in TEXT_MODULES:
        monkeypatch.setattr(module, "tr", lambda text: text)
    return {"title": messages.rule_titles(), "template": messages.message_templates()}


def fields(template):
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template)
            if name is not None}


def test_every_rule_has_a_title_and_a_template(english):
    missing = ["{} has no {} (processing/text_*.py)".format(rule, kind)
               for rule in RULES for kind in ("title", "template") if not english[kind].get(rule)]
    assert not missing, "\n".join(missing)


def test_text_tables_hold_only_catalogue_rules(english):
    for module in TEXT_MODULES:
        stray = sorted((set(module.titles()) | set(module.templates())) - set(RULES))
        assert not stray, "{} holds rules not in core/rules.py: {}".format(module.__name__, stray)


def test_every_title_and_template_is_translated(english):
    from ecospace.i18n import CONTEXT

    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "tools" / "i18n_update.py")
    updater = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(updater)
    entries = updater.read_ts(TS)
    untranslated = []
    for kind, table in english.items():
        for rule, source in table.items():
            text, state = entries.get((CONTEXT, source), ("", "missing"))
            if state is not None or not text.strip():
                untranslated.append("{} {}: {!r} ({})".format(rule, kind, source[:60], state or "empty"))
    assert not untranslated, "\n".join(untranslated)


def test_templates_use_only_the_fields_messages_fills(english):
    bad = {rule: sorted(fields(t) - set(messages.FIELDS)) for rule, t in english["template"].items()}
    assert not {rule: f for rule, f in bad.items() if f}


def test_every_rule_gets_its_own_message():
    """messages() formats each rule's template, not a fallback: one row per rule."""
    ids = list(RULES)
    n = len(ids)
    table = {"rule": ids, "fid": [3.0] * n, "other_fid": [4.0] * n, "layer": ["a"] * n,
             "other_layer": ["b"] * n, "area_m2": [1.5] * n, "value": [2.0] * n, "threshold": [1.0] * n,
             "detail": ["d"] * n, "feature_code": [None] * n, "other_code": [None] * n}
    texts = messages.messages(table)
    fallbacks = [rule for rule, text in zip(ids, texts)
                 if text in ("a 3: " + rule, messages._templates_fallback(rule).format(
                     layer="a", fid=3, detail="d"))]
    assert fallbacks == []


def test_every_rule_cites_a_document():
    from ecospace.processing.citations import citations

    assert [r.id for r in RULES.values() if r.source not in citations()] == []


def test_rule_params_are_parameters_of_an_algorithm_emitting_the_rule(provider):
    from ecospace.processing.exceptions import rules_of

    emitters = {}
    for alg in provider.algorithms():
        names = {d.name() for d in alg.parameterDefinitions()}
        for rule in rules_of(alg):
            emitters.setdefault(rule, []).append(names)
    problems = []
    for rule in RULES.values():
        if not rule.id.startswith("EXC_") and rule.id not in emitters:
            problems.append("{}: no algorithm emits it (RULE_PREFIX / RULES)".format(rule.id))
        for param in rule.params:
            if not any(param in names for names in emitters.get(rule.id, ())):
                problems.append("{}: {} is no parameter of an algorithm emitting it".format(rule.id, param))
    assert not problems, "\n".join(problems)


def test_dialog_tooltips_take_their_rules_from_the_catalogue(provider):
    """ui/jobs.py rule_links: a parameter lists the rules of its algorithm that name it in core/rules.py."""
    from ecospace.processing.exceptions import rules_of
    from ecospace.ui.jobs import rule_links

    algs = {alg.name(): alg for alg in provider.algorithms()}
    redline = rule_links(rules_of(algs["redline_check"]))
    assert redline["MIN_PART_AREA"] == ("RL_FRAGMENT",)
    assert redline["OVERLAP_TOLERANCE"] == ("RL_SELF_OVERLAP", "RL_OVERLAP_PBF", "RL_OVERLAP_UDB", "RL_PA_OUTSIDE")
    code = rule_links(rules_of(algs["units_code"]))
    assert code["RECODE_ALL"] == ("UNIT_CODE_CHANGED",)
    assert rule_links(rules_of(algs["protected_area_overlaps"]))["RESERVES"] == (
        "PA_GEOM_NULL", "PA_GEOM_INVALID", "PA_OVERLAP", "PA_OUTSIDE_REDLINE")
    reserve = rule_links(rules_of(algs["reserve_check"]))
    assert reserve["EDGE_TOLERANCE"] == ("RES_CORE_EXPOSED", "RES_CORE_AT_EDGE")
    assert reserve["AREA_TOLERANCE"] == ("RES_AREA_MISMATCH",)


def test_every_rule_an_algorithm_reports_names_the_parameters_feeding_it():
    """Only EXC_STALE (no algorithm lists it among its rules, so no tooltip shows it) has no params."""
    assert [r.id for r in RULES.values() if not r.params] == ["EXC_STALE"]
