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
    """The locale QGIS uses for its own UI, e.g. 'zh_CN' or 'en_US'."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    if str(settings.value("locale/overrideFlag", False)).lower() in ("true", "1"):
        locale = settings.value("locale/userLocale", "") or ""
    else:
        from qgis.PyQt.QtCore import QLocale

        locale = QLocale.system().name()
    return str(locale) or "en_US"


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
