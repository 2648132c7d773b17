"""Every shipped model (resources/models/*.model3) reads back on the running QGIS as tools/make_models.py
built it, and every step is valid the way the Model Designer judges it.

QGIS versions read model XML differently (3.40 reads an empty string back as NULL, so a step given ""
falls back to the algorithm's default), so each value given to a step is compared after the round trip
through the shipped file on this version, not just on the version that wrote it.
"""
import importlib.util
import re

import pytest
from qgis.core import QgsProcessingModelAlgorithm, QgsProcessingModelChildParameterSource

from ..support import MODELS, ROOT

pytestmark = pytest.mark.usefixtures("provider")  # the ecospace provider (conftest) is registered

SHIPPED = sorted(p.name for p in MODELS.glob("*.model3"))


def make_models():
    spec = importlib.util.spec_from_file_location("make_models", ROOT / "tools" / "make_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain(value):
    """A static value as plain Python: NULL and invalid QVariants are None."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if hasattr(value, "isValid") and not value.isValid():
        return None
    return value


def source_kinds():
    """The source kinds: Qgis.ProcessingModelChildParameterSource (3.36+), the class's own enum before."""
    try:
        from qgis.core import Qgis

        kinds = Qgis.ProcessingModelChildParameterSource
    except AttributeError:
        kinds = QgsProcessingModelChildParameterSource.Source
    return kinds


def describe(source):
    """One child parameter source as a comparable tuple."""
    kinds, kind = source_kinds(), source.source()
    if kind == kinds.StaticValue:
        return ("static", repr(plain(source.staticValue())))
    if kind == kinds.ModelParameter:
        return ("model parameter", source.parameterName())
    if kind == kinds.ChildOutput:
        return ("child output", source.outputChildId(), source.outputName())
    if kind == kinds.Expression:
        return ("expression", source.expression())
    return ("other", repr(kind))


def steps(model):
    """{child id: (algorithm id, {parameter: [sources]})}."""
    return {cid: (child.algorithmId(),
                  {name: [describe(s) for s in sources] for name, sources in child.parameterSources().items()})
            for cid, child in model.childAlgorithms().items()}


def load(name):
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODELS / name)), name
    return model


def test_every_model_is_generated_by_make_models():
    assert SHIPPED == sorted(b.__name__ + ".model3" for b in make_models().BUILDERS)


@pytest.mark.parametrize("name", SHIPPED)
def test_model_reads_back_as_built(name):
    """The values each step gets, as built in memory and as read from the shipped file on this QGIS."""
    built = getattr(make_models(), name[:-len(".model3")])()
    assert steps(load(name)) == steps(built)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_step_is_valid(name):
    """No step of the model shows red in the Model Designer (validateChildAlgorithm)."""
    model = load(name)
    problems = {}
    for cid in model.childAlgorithms():
        ok, issues = model.validateChildAlgorithm(cid)
        if not ok:
            problems[cid] = list(issues)
    assert not problems


@pytest.mark.parametrize("name", SHIPPED)
def test_no_empty_static_values(name):
    """An empty static value does not survive every version's XML reader: give a value, an expression
    or leave the parameter to its default."""
    empty = [(cid, param) for cid, (_, params) in steps(load(name)).items() for param, sources in params.items()
             for s in sources if s[0] == "static" and s[1] in ("''", "None")]
    assert not empty


@pytest.mark.parametrize("name", SHIPPED)
def test_step_names_in_both_languages(name):
    """QGIS shows a step's description untranslated: it says what the step does in Chinese and English."""
    names = [child.description() for child in load(name).childAlgorithms().values()]
    assert all(re.search(r"[\u4e00-\u9fff]", n) and re.search(r"[A-Za-z]{3}", n) for n in names), names
