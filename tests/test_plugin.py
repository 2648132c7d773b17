"""The plugin shell: load -> unload -> load leaves nothing behind; without shapely 2 it still loads."""
import os

import pytest
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolBar

pytestmark = pytest.mark.usefixtures("isolated_registry")

ALGORITHM = "ecospace:redline_check"


def registry():
    return QgsApplication.processingRegistry()


def our_algorithms():
    return [a.id() for a in registry().algorithms() if a.provider() and a.provider().id() == "ecospace"]


def flush_deletions():
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def gui_leftovers(iface):
    """The plugin's menus, toolbars and actions still alive in the main window."""
    window = iface.mainWindow()
    flush_deletions()
    return {
        "menus": window.findChildren(QMenu, "EcoSpaceMenu"),
        "menu bar": [a for a in window.menuBar().actions() if a.menu() and a.menu().objectName() == "EcoSpaceMenu"],
        "toolbars": window.findChildren(QToolBar, "EcoSpaceToolbar"),
        "actions": [a for a in window.findChildren(QAction) if a.objectName().startswith("ecospace_")],
    }


def all_messages(iface):
    bar = iface.messageBar()
    return [m for level in list(bar.messages) for m in bar.get_messages(level)]


@pytest.fixture
def messages(qgis_iface):
    qgis_iface.messageBar().clear_messages()
    yield lambda: all_messages(qgis_iface)
    qgis_iface.messageBar().clear_messages()


def test_load_unload_load(plugin_pkg, qgis_iface, messages):
    for _round in range(2):
        plugin = plugin_pkg.classFactory(qgis_iface)
        plugin.initGui()
        try:
            assert registry().providerById("ecospace") is not None
            assert ALGORITHM in our_algorithms()
            alive = gui_leftovers(qgis_iface)
            assert len(alive["menus"]) == 1 and len(alive["menu bar"]) == 1
            assert len(alive["toolbars"]) == 1
            names = {a.objectName() for a in alive["actions"]}
            assert {"ecospace_redline_check", "ecospace_toolbox", "ecospace_about"} <= names
            assert not messages(), "a healthy load shows no message"
        finally:
            plugin.unload()
        assert registry().providerById("ecospace") is None
        assert our_algorithms() == []
        assert gui_leftovers(qgis_iface) == {"menus": [], "menu bar": [], "toolbars": [], "actions": []}


def test_action_list_is_complete(plugin_pkg, qgis_iface):
    plugin = plugin_pkg.classFactory(qgis_iface)
    specs = plugin.action_specs()
    assert len({s.name for s in specs}) == len(specs)
    for spec in specs:
        assert os.path.exists(os.path.join(plugin_pkg.plugin.ICON_DIR, spec.icon)), spec.icon
        assert spec.text and callable(spec.slot)


def test_menu_action_opens_the_task_dialog(plugin_pkg, qgis_iface, monkeypatch):
    import processing

    opened = []
    monkeypatch.setattr(processing, "execAlgorithmDialog", lambda alg, params=None: opened.append(alg) or {})
    plugin = plugin_pkg.classFactory(qgis_iface)
    plugin.initGui()
    try:
        action = qgis_iface.mainWindow().findChild(QAction, "ecospace_redline_check")
        action.trigger()  # the menu opens the task dialog; the Processing dialog stays one call away
        assert plugin.dialogs["redline"].isVisible()
        plugin.open_algorithm(ALGORITHM)
        assert opened == [ALGORITHM]
        plugin.show_toolbox()  # no Processing plugin GUI in the test app: a message, no exception
        assert "ecospace" in plugin.about_text() and "0." in plugin.about_text()
    finally:
        plugin.unload()


def test_processing_only_load_without_iface(plugin_pkg):
    """What qgis_process does: classFactory(None) and initProcessing() only."""
    plugin = plugin_pkg.classFactory(None)
    plugin.initProcessing()
    try:
        assert ALGORITHM in our_algorithms()
    finally:
        plugin.unload()
    assert registry().providerById("ecospace") is None


def test_menu_is_translated_and_translator_removed(plugin_pkg, qgis_iface):
    from qgis.core import QgsSettings

    from ecospace import i18n

    qm = os.path.join(plugin_pkg.plugin.PLUGIN_DIR, "resources", "i18n", "ecospace_zh_CN.qm")
    assert os.path.exists(qm), "run: bash tools/i18n_build.sh"
    settings = QgsSettings()
    saved = {k: settings.value(k) for k in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh_CN")
    i18n.remove_translator()
    plugin = plugin_pkg.classFactory(qgis_iface)
    try:
        plugin.initGui()
        assert gui_leftovers(qgis_iface)["menus"][0].title() == "生态空间管控"
    finally:
        plugin.unload()
        for key, value in saved.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)
    assert i18n.tr("Ecological Space") == "Ecological Space"


@pytest.mark.parametrize("broken", ["missing", "old", "geos clash"])
def test_without_usable_shapely_one_message_and_no_algorithms(plugin_pkg, qgis_iface, messages, monkeypatch, broken):
    from ecospace import deps

    if broken == "missing":
        monkeypatch.setattr(deps, "shapely_version", lambda: None)
    elif broken == "old":
        monkeypatch.setattr(deps, "shapely_version", lambda: "1.8.5")
    else:
        monkeypatch.setattr(deps, "process_geos", lambda: "3.0.0-CAPI-1.0.0")
    plugin = plugin_pkg.classFactory(qgis_iface)
    plugin.initGui()
    try:
        shown = messages()
        assert len(shown) == 1, shown
        assert "shapely" in shown[0] and "pip install" in shown[0]
        assert qgis_iface.messageBar().get_messages(Qgis.MessageLevel.Warning) == shown
        assert registry().providerById("ecospace") is not None  # registered, but empty
        assert our_algorithms() == []
        assert len(gui_leftovers(qgis_iface)["menus"]) == 1  # the plugin itself still loads
        qgis_iface.mainWindow().findChild(QAction, "ecospace_redline_check").trigger()
        assert len(messages()) == 2  # the menu entry explains again instead of failing
    finally:
        plugin.unload()
    assert registry().providerById("ecospace") is None


def test_without_shapely_and_without_iface_says_so_on_stderr(plugin_pkg, monkeypatch, capsys):
    from ecospace import deps

    monkeypatch.setattr(deps, "shapely_version", lambda: None)
    plugin = plugin_pkg.classFactory(None)
    plugin.initProcessing()
    try:
        assert our_algorithms() == []
    finally:
        plugin.unload()
    err = capsys.readouterr().err
    assert err.count("shapely 2") == 1 and "pip install" in err


def test_version_parsing(plugin_pkg):
    from ecospace.deps import version_tuple

    assert version_tuple("2.0.1") == (2, 0, 1)
    assert version_tuple("2.1.0rc1") == (2, 1, 0)
    assert version_tuple("1.8.5.post1") >= (1, 8)
    assert version_tuple("1.8.5") < (2, 0) <= version_tuple("2.0")
    assert version_tuple("") == (0,)
