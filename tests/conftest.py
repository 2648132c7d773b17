"""Shared test setup.

The repository root is the plugin folder, so tests import it as the package `ecospace` through
.build/pluginpath/ecospace -> repository root (the name QGIS gives it once installed).
pytest-qgis (pytest.ini: qgis_gui_enabled = false) starts the QGIS application before this file loads.
tests/core needs neither QGIS nor pytest-qgis: without them (a venv with numpy, shapely, pytest and
hypothesis only, or `-p no:pytest_qgis`) nothing here asks for QGIS (tools/test_core.sh).
"""
import importlib
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGINPATH = ROOT / ".build" / "pluginpath"
SAMPLE_GPKG = ROOT / "resources" / "sample" / "ecospace_sample.gpkg"
SHARED_DATA = ROOT.parent / "shared" / "data"
PROVIDER_ID = "ecospace"


def link_plugin(folder=PLUGINPATH, root=ROOT):
    """folder/ecospace -> root, and folder on sys.path, so that `import ecospace` is this checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "ecospace"
    if os.path.realpath(link) != os.path.realpath(root):  # missing, or left by another checkout
        temporary = folder / ".ecospace-{}".format(os.getpid())
        temporary.symlink_to(root, target_is_directory=True)
        os.replace(temporary, link)  # atomic: parallel workers never see a half-made link
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))


link_plugin()

_providers = []  # our Python providers stay referenced while registered


def register_provider():
    """The registered 'ecospace' provider, registering a new EcoSpaceProvider if there is none."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById(PROVIDER_ID)
    if existing is not None:
        return existing
    from ecospace.processing.provider import EcoSpaceProvider

    provider = EcoSpaceProvider()
    assert registry.addProvider(provider), "could not register the ecospace provider"
    _providers.append(provider)
    return provider


@pytest.fixture(scope="session")
def plugin_pkg():
    """The plugin package, imported as `ecospace`."""
    return importlib.import_module("ecospace")


@pytest.fixture(scope="session")
def provider(qgis_processing):
    """The EcoSpaceProvider in QGIS's processing registry, registered once for the session."""
    return register_provider()


@pytest.fixture
def isolated_registry(qgis_processing, monkeypatch):
    """A private, empty QgsProcessingRegistry behind QgsApplication.processingRegistry() for one test.

    Plugin load/unload tests register and remove their own 'ecospace' provider there, so the
    session's provider (which other tests hold) is never removed and deleted under them.
    """
    from qgis.core import QgsApplication, QgsProcessingRegistry

    registry = QgsProcessingRegistry()
    monkeypatch.setattr(QgsApplication, "processingRegistry", staticmethod(lambda: registry))
    yield registry
    for leftover in registry.providers():  # a failed test's plugin did not unload
        registry.removeProvider(leftover)


@pytest.fixture(scope="session")
def sample_gpkg():
    """Path (str) of the bundled sample GeoPackage."""
    if not SAMPLE_GPKG.exists():
        pytest.fail("missing {} (tools/make_sample_data.py writes it)".format(SAMPLE_GPKG))
    return str(SAMPLE_GPKG)


@pytest.fixture(scope="session")
def shared_data():
    """../shared/data: real third-party data beside the checkout (CI has it); skipped without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("no shared data at {}".format(SHARED_DATA))
    return SHARED_DATA


@pytest.fixture
def tmp_out(tmp_path):
    """A fresh, empty folder for a test's outputs."""
    out = tmp_path / "out"
    out.mkdir()
    return out


def pytest_addoption(parser, pluginmanager):
    """pytest.ini's options for pytest-qgis and pytest-timeout, known even when those are not loaded."""
    if not pluginmanager.has_plugin("pytest_qgis"):
        parser.addini("qgis_gui_enabled", "(pytest-qgis is not loaded)", type="bool")
        parser.addini("qgis_disable_exit", "(pytest-qgis is not loaded)", type="bool")
    if not pluginmanager.has_plugin("timeout"):
        parser.addini("timeout", "(pytest-timeout is not loaded)")


@pytest.fixture(scope="session", autouse=True)
def real_layer_tree_view(request):
    """Without pytest-qgis (tests/core alone), there is no QGIS and nothing to do."""
    if not request.config.pluginmanager.has_plugin("pytest_qgis"):
        yield None
        return
    yield from _real_layer_tree_view(request.getfixturevalue("qgis_iface"))


def _real_layer_tree_view(qgis_iface):
    """pytest-qgis's iface answers every method it does not implement with a MagicMock. QGIS's own
    code calls some of them and hands the result to C++: QGIS 3.44's result loading (processing's
    Postprocessing.py, behind processing.runAndLoadResults) passes iface.layerTreeView() to
    QgsProcessingGuiUtils.addResultLayers, which rejects a MagicMock. Give it a real layer tree view
    on the project's layer tree, as in QGIS."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view = QgsLayerTreeView(qgis_iface.mainWindow())
    view.setModel(model)
    view.model_ = model  # keeps the model alive with the view
    original = qgis_iface.__dict__.get("layerTreeView")
    qgis_iface.layerTreeView = lambda: view
    yield view
    if original is None:
        del qgis_iface.layerTreeView
    else:
        qgis_iface.layerTreeView = original


def pytest_unconfigure(config):
    """pytest.ini keeps QGIS from exiting (qgis_disable_exit). QGIS 3.44 then crashed in the C++ exit
    handlers while freeing its cache of coordinate transforms (a PROJ context made during exit):
    empty the cache while QGIS is still whole."""
    try:
        from qgis.core import QgsCoordinateTransform
    except ImportError:
        return
    QgsCoordinateTransform.invalidateCache()
