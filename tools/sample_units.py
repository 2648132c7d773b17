"""Sample data for the units algorithms: extra layers and planted findings (called by make_sample_data.py)."""

NAME = "units"


def layers(MP, PT, LN, S, R, D):  # noqa: N803 (OGR type constants passed in)
    """{gpkg layer: (geometry type, [(field, type, width)], identifier, description)} added by this module."""
    return {}


def build(sample, rng):
    """Add this module's layers to sample.layers (records: fid, geom, attrs) and return the planted findings."""
    return []


def readme(sample, planted):
    """Lines for resources/sample/README.md."""
    return []
