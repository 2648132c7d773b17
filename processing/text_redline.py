"""Translated titles and message templates of the red-line rules (RL_*)."""
from ..i18n import tr


def titles():
    """{rule id: translated short title} of the red-line rules."""
    return {
        "RL_GEOM_NULL": tr("Null or empty geometry"),
        "RL_GEOM_INVALID": tr("Invalid geometry"),
        "RL_DUPLICATE": tr("Duplicate feature"),
        "RL_SELF_OVERLAP": tr("Red-line patches overlap"),
        "RL_FRAGMENT": tr("Fragment below the minimum area"),
        "RL_HOLE": tr("Small hole"),
        "RL_SLIVER": tr("Sliver (thin shape)"),
        "RL_OVERLAP_PBF": tr("Red line overlaps permanent basic farmland"),
        "RL_OVERLAP_UDB": tr("Red line overlaps the urban development boundary"),
        "RL_OVERLAP_PBF_UDB": tr("Farmland overlaps the urban development boundary"),
        "RL_PA_OUTSIDE": tr("Protected area outside the red line"),
        "RL_CONFLICT": tr("Conflict to deduct or explain"),
        "RL_COUNTY_CODE": tr("County code differs from the county holding the patch"),
        "RL_CROSS_COUNTY": tr("Patch crosses a county boundary"),
        "RL_COUNTY_BOUNDARY_MISMATCH": tr("Strip along a county line: the layers disagree on the line"),
        "RL_FIELD_MISSING": tr("Required field missing"),
        "RL_ATTR_EMPTY": tr("Required attribute empty"),
        "RL_CODE_DUPLICATE": tr("Duplicate feature code"),
        "RL_AREA_MISMATCH": tr("Stored area differs from the ellipsoidal area"),
        "RL_INPUT_INVALID": tr("Invalid geometry in a reference layer"),
        "RL_CRS_WGS84": tr("Layer in WGS84"),
        "RL_CRS_ZONE": tr("Gauss-Kruger zone does not match the data"),
    }


def templates():
    """{rule id: message template}; fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {
        "RL_GEOM_NULL": tr("Feature {fid} of {layer} has no geometry. Draw it or delete the feature."),
        "RL_GEOM_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired "
                              "copy; fix the geometry (e.g. Fix Geometries) before delivery."),
        "RL_DUPLICATE": tr("Feature {fid} of {layer} repeats feature {other_fid}. Delete one of them."),
        "RL_SELF_OVERLAP": tr("Red-line patches {fid} and {other_fid} overlap by {area}. Patches must "
                              "be disjoint: remove the overlap from one of them."),
        "RL_FRAGMENT": tr("A part of patch {fid} covers only {area}, below {threshold} m². Merge or "
                          "remove the fragment."),
        "RL_HOLE": tr("Patch {fid} has a hole of {area}, below {threshold} m². Fill it unless it is a "
                      "real exclusion."),
        "RL_SLIVER": tr("A part of patch {fid} is a sliver (4πA/P² = {value:.4f} < {threshold}). Check "
                        "for a digitising error."),
        "RL_OVERLAP_PBF": tr("Red-line patch {fid} overlaps permanent basic farmland {other_fid} by "
                             "{area}. The three control lines must not overlap."),
        "RL_OVERLAP_UDB": tr("Red-line patch {fid} overlaps urban development boundary {other_fid} by "
                             "{area}. The three control lines must not overlap."),
        "RL_OVERLAP_PBF_UDB": tr("Farmland patch {fid} overlaps urban development boundary {other_fid} by "
                                 "{area}. The three control lines must not overlap."),
        "RL_PA_OUTSIDE": tr("Protected area {fid} of {layer} lies outside the red line over {area}. Every "
                            "protected area must lie wholly inside the red line."),
        "RL_CONFLICT": tr("Red-line patch {fid} overlaps {other_layer} feature {other_fid} by {area}. "
                          "Deduct it, or record the permitted-activity category (142号) that allows it."),
        "RL_COUNTY_CODE": tr("Patch {fid} has the wrong county code (stored → county holding most of "
                             "its area: {detail}). Correct the code, or split the patch."),
        "RL_CROSS_COUNTY": tr("Patch {fid} extends {area} into county {detail}. Split it at the county "
                              "boundary so each county's ledger holds its own part, unless it is only a "
                              "strip along the line from a county layer on another datum or scale: "
                              "then raise BOUNDARY_NOISE_WIDTH instead."),
        "RL_COUNTY_BOUNDARY_MISMATCH": tr(
            "Patch {fid} reaches {area} into county {detail}, but only as a strip within {threshold:g} m "
            "of the county line: the red line and the county layer disagree on where the line runs. "
            "The county layer may be on another datum (county layers from web maps are GCJ-02, shifted "
            "a few hundred metres) or at another scale. Do not split the patch for this; check the "
            "county layer's source."),
        "RL_FIELD_MISSING": tr("Layer {layer} has no field {detail}. Add it, or map the right field in "
                               "the algorithm's field parameters."),
        "RL_ATTR_EMPTY": tr("Field {detail} of feature {fid} is empty. Fill it."),
        "RL_CODE_DUPLICATE": tr("Feature {fid} repeats the code {detail} of feature {other_fid}. Codes "
                                "must be unique."),
        "RL_AREA_MISMATCH": tr("Patch {fid} stores {value:.2f} m² in field {detail}, but its ellipsoidal "
                               "area is {threshold:.2f} m²."),
        "RL_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used "
                               "in the checks."),
        "RL_CRS_WGS84": tr("Layer {layer} is in WGS84 ({detail}). It is accepted, but official data "
                           "should be in CGCS2000."),
        "RL_CRS_ZONE": tr("Layer {layer}: {detail}. Check that the layer's CRS is the right "
                          "Gauss-Kruger zone."),
    }
