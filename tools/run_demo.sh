#!/usr/bin/env bash
# The main job on the bundled sample: ecospace:redline_check through qgis_process, results in output/,
# then a short summary of the findings per rule and severity.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
sample=resources/sample/ecospace_sample.gpkg
out=output
[ -f "$sample" ] || { echo "run_demo.sh: missing $sample" >&2; exit 1; }

mkdir -p "$out"
rm -f "$out/redline_findings.gpkg" "$out/redline_statistics.csv" "$out/redline_report.html"
layer() { printf '%s|layername=%s' "$sample" "$1"; }

bash tools/qgis_process.sh run ecospace:redline_check -- \
    REDLINE="$(layer redline)" \
    FARMLAND="$(layer farmland)" \
    URBAN_BOUNDARY="$(layer urban_boundary)" \
    PROTECTED_AREAS="$(layer protected_areas)" \
    CONFLICT_LAYERS="$(layer construction_land)" \
    CONFLICT_LAYERS="$(layer mining_rights)" \
    CONFLICT_LAYERS="$(layer settlements)" \
    COUNTIES="$(layer counties)" \
    COUNTY_CODE_FIELD=XZQDM \
    COUNTY_NAME_FIELD=XZQMC \
    OUTPUT="$out/redline_findings.gpkg" \
    STATISTICS="$out/redline_statistics.csv" \
    REPORT="$out/redline_report.html"

# Summary with the system Python's sqlite3 (a GeoPackage is SQLite): no QGIS needed to read it.
/usr/bin/env python3 - "$out" <<'EOF'
import csv
import os
import sqlite3
import sys

out = sys.argv[1]
gpkg = os.path.join(out, "redline_findings.gpkg")
db = sqlite3.connect(gpkg)
tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")]
table = next(t for t in tables if "rule" in [c[1] for c in db.execute('PRAGMA table_info("{}")'.format(t))])
rows = db.execute('SELECT rule, severity, COUNT(*) FROM "{}" GROUP BY rule, severity '
                  "ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, rule"
                  .format(table)).fetchall()
print("\nFindings in {} (layer {}):".format(gpkg, table))
print("  {:<22} {:<8} {:>5}".format("rule", "severity", "count"))
for rule, severity, count in rows:
    print("  {:<22} {:<8} {:>5}".format(rule, severity, count))
totals = {}
for _rule, severity, count in rows:
    totals[severity] = totals.get(severity, 0) + count
print("  total {}: {}".format(sum(totals.values()),
                               ", ".join("{} {}".format(n, s) for s, n in sorted(totals.items()))))
stats = os.path.join(out, "redline_statistics.csv")
if os.path.exists(stats):
    with open(stats, encoding="utf-8") as f:
        print("Statistics: {} ({} rows)".format(stats, sum(1 for _ in csv.DictReader(f))))
report = os.path.join(out, "redline_report.html")
if os.path.exists(report):
    print("Report:     {} ({} kB)".format(report, os.path.getsize(report) // 1024))
EOF
