"""Translated titles and message templates of the protected-area rules (RES_*, PA_*, HA_*)."""
from ..i18n import tr


def titles():
    """{rule id: translated short title}."""
    return {
        "RES_GEOM_NULL": tr("Null or empty geometry"),
        "RES_GEOM_INVALID": tr("Invalid geometry"),
        "RES_ID_EMPTY": tr("Reserve without an id"),
        "RES_ID_DUPLICATE": tr("Duplicate reserve id"),
        "RES_ZONE_NO_RESERVE": tr("Zone whose reserve id matches no reserve"),
        "RES_ZONE_UNKNOWN": tr("Unknown zone name"),
        "RES_NO_ZONES": tr("Reserve without zones"),
        "RES_SYSTEM_MIXED": tr("Three-zone and two-zone names mixed in one reserve"),
        "RES_ZONE_GAP": tr("Gap between the zones of a reserve"),
        "RES_ZONE_OVERLAP": tr("Zones of a reserve overlap"),
        "RES_ZONE_OUTSIDE": tr("Zone outside its reserve"),
        "RES_CORE_EXPOSED": tr("Core zone not surrounded by the buffer zone"),
        "RES_EXPERIMENTAL_INSIDE": tr("Experimental zone inside the buffer zone"),
        "RES_CORE_AT_EDGE": tr("Core zone on the reserve's outer edge"),
        "RES_SHARE_CORE_PROTECTION": tr("Core protection zone below its share of a national park"),
        "RES_SHARE_CORE": tr("Core zone below its share"),
        "RES_SHARE_EXPERIMENTAL": tr("Experimental zone above its share"),
        "RES_AREA_MISMATCH": tr("Declared area differs from the ellipsoidal area"),
        "PA_GEOM_NULL": tr("Null or empty geometry"),
        "PA_GEOM_INVALID": tr("Invalid geometry"),
        "PA_VALUE_UNKNOWN": tr("Level or type value not recognised"),
        "PA_OVERLAP": tr("Protected areas overlap"),
        "PA_OUTSIDE_REDLINE": tr("Protected area outside the red line"),
        "HA_INPUT_NULL": tr("Null or empty geometry"),
        "HA_INPUT_INVALID": tr("Invalid geometry in an input layer"),
        "HA_STRICT_ZONE": tr("Human activity in a core, buffer or core protection zone"),
        "HA_CONTROL_ZONE": tr("Human activity in a general control or experimental zone"),
        "HA_UNZONED": tr("Human activity in a reserve without a zone there"),
        "HA_REDLINE": tr("Human activity in the red line outside protected areas"),
    }


def templates():
    """{rule id: message template}; fields: fid, other_fid, layer, other_layer, area, value, threshold, detail."""
    return {
        "RES_GEOM_NULL": tr("Feature {fid} of {layer} has no geometry. Draw it or delete the feature."),
        "RES_GEOM_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired "
                               "copy; fix the geometry (e.g. Fix Geometries)."),
        "RES_ID_EMPTY": tr("Reserve {fid} has no id, so no zone can belong to it. Fill the id field."),
        "RES_ID_DUPLICATE": tr("Reserve {fid} repeats the id {detail} of reserve {other_fid}. Ids must be "
                               "unique; the zones were joined to reserve {other_fid}."),
        "RES_ZONE_NO_RESERVE": tr("Zone {fid} gives the reserve id {detail}, which no reserve has. Correct "
                                  "the id or add the reserve."),
        "RES_ZONE_UNKNOWN": tr("Zone {fid} has the zone name '{detail}', which no mapping knows. Add it to "
                               "the zone value mapping (e.g. '{detail}=core')."),
        "RES_NO_ZONES": tr("Reserve {fid} ({detail}) has no zones. Zone it, or check the reserve id fields."),
        "RES_SYSTEM_MIXED": tr("Reserve {fid} mixes the three-zone and the two-zone system ({detail}). Use "
                               "one system: core + buffer → core protection zone, experimental → general "
                               "control zone."),
        "RES_ZONE_GAP": tr("Reserve {fid} has {area} that no zone covers. Zones must tile the reserve."),
        "RES_ZONE_OVERLAP": tr("Zones {fid} and {other_fid} of one reserve overlap by {area}. Remove the "
                               "overlap from one of them."),
        "RES_ZONE_OUTSIDE": tr("Zone {fid} extends {area} outside its reserve {other_fid}. Clip it to the "
                               "reserve boundary, or correct the reserve."),
        "RES_CORE_EXPOSED": tr("The core zone of reserve {fid} touches the experimental zone over {value:.1f} "
                               "m: the buffer zone should surround the core."),
        "RES_EXPERIMENTAL_INSIDE": tr("Reserve {fid} has {area} of experimental zone enclosed by the core and "
                                      "buffer zones. The experimental zone should lie outside the buffer."),
        "RES_CORE_AT_EDGE": tr("The core zone of reserve {fid} lies on the reserve's outer edge over "
                               "{value:.1f} m. Check that a natural barrier protects it there."),
        "RES_SHARE_CORE_PROTECTION": tr("The core protection zone is {value:.1f} % of national park {fid}, "
                                        "below {threshold:.1f} % (an unverified rule)."),
        "RES_SHARE_CORE": tr("The core zone is {value:.1f} % of reserve {fid}, below {threshold:.1f} % (an "
                             "unverified rule)."),
        "RES_SHARE_EXPERIMENTAL": tr("The experimental zone is {value:.1f} % of reserve {fid}, above "
                                     "{threshold:.1f} % (an unverified rule)."),
        "RES_AREA_MISMATCH": tr("Reserve {fid} declares {value:.2f} m² in field {detail}, but its ellipsoidal "
                                "area is {threshold:.2f} m²."),
        "PA_GEOM_NULL": tr("Feature {fid} of {layer} has no geometry. Draw it or delete the feature."),
        "PA_GEOM_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. The checks used a repaired "
                              "copy; fix the geometry (e.g. Fix Geometries)."),
        "PA_VALUE_UNKNOWN": tr("Protected area {fid} has the level or type '{detail}', which is not "
                               "recognised, so no keeper can be suggested from it."),
        "PA_OVERLAP": tr("Protected areas {fid} and {other_fid} overlap by {area}: {detail}. Integrate them "
                         "so that each place belongs to one protected area."),
        "PA_OUTSIDE_REDLINE": tr("Protected area {fid} lies outside the red line over {area}. Every "
                                 "protected area must lie wholly inside the red line."),
        "HA_INPUT_NULL": tr("Feature {fid} of {layer} has no geometry and was skipped."),
        "HA_INPUT_INVALID": tr("Feature {fid} of {layer} is invalid: {detail}. A repaired copy was used."),
        "HA_STRICT_ZONE": tr("Activity {fid} lies in zone {other_fid}: {detail}. Human activity is prohibited "
                             "there in principle: verify it on site and stop or remove it."),
        "HA_CONTROL_ZONE": tr("Activity {fid} lies in zone {other_fid}: {detail}. Verify that it is a permitted "
                              "limited activity (自然资发〔2022〕142号)."),
        "HA_UNZONED": tr("Activity {fid} lies in reserve {other_fid}, where no zone covers it. Zone the "
                         "reserve, then verify the activity."),
        "HA_REDLINE": tr("Activity {fid} lies in red-line patch {other_fid}{detail}. Verify that it is a "
                         "permitted limited activity (自然资发〔2022〕142号)."),
    }
