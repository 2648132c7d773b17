"""Translation: one context for the whole plugin, translator chosen from the QGIS locale."""
import os

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

CONTEXT = "ecospace"
I18N_DIR = os.path.join(os.path.dirname(__file__), "resources", "i18n")
_translators = []  # kept referenced: a collected QTranslator silently stops translating


def tr(text):
    """Translate a source (English) string in the plugin's single context."""
    return QCoreApplication.translate(CONTEXT, text)


def qgis_locale():
    """The locale QGIS uses for its own UI, e.g. 'zh_CN' or 'en_US'. Outside QGIS (the batch driver)
    the settings are read from the default QGIS profile, as qgis_process reads them."""
    from qgis.core import QgsApplication, QgsSettings

    inside = isinstance(QCoreApplication.instance(), QgsApplication)
    settings = QgsSettings() if inside else _profile_settings()
    if str(settings.value("locale/overrideFlag", False)).lower() in ("true", "1"):
        locale = settings.value("locale/userLocale", "") or ""
    else:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale.system().name()
    return str(locale) or "en_US"


def _profile_settings():
    """The default QGIS profile's settings file (…/QGIS/QGIS3/profiles/<default>/QGIS/QGIS3.ini)."""
    from qgis.core import Qgis, QgsUserProfileManager
    from qgis.PyQt.QtCore import QSettings, QStandardPaths

    app = "QGIS{}".format(Qgis.QGIS_VERSION_INT // 10000)
    data = os.environ.get("APPDATA") if os.name == "nt" else None  # where QGIS keeps profiles there
    data = data or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    base = os.path.join(data, "QGIS", app)
    profiles = QgsUserProfileManager.resolveProfilesFolder(base)
    name = QgsUserProfileManager(profiles).defaultProfileName()
    return QSettings(os.path.join(profiles, name, "QGIS", app + ".ini"), QSettings.Format.IniFormat)


def install_translator(locale=None):
    """Load resources/i18n/ecospace_<locale>.qm (or its language-only fallback) once."""
    if _translators:
        return True
    locale = locale or qgis_locale()
    for name in (locale, locale[:2]):
        path = os.path.join(I18N_DIR, "ecospace_{}.qm".format(name))
        if os.path.exists(path):
            translator = QTranslator()
            if translator.load(path):
                QCoreApplication.installTranslator(translator)
                _translators.append(translator)
                return True
    return False


def remove_translator():
    while _translators:
        QCoreApplication.removeTranslator(_translators.pop())
