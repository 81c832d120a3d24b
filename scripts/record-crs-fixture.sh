#!/usr/bin/env bash
# Records the CRS test fixture src/test/resources/crs/osgb36_wgs84_helmert6.csv: probe points in British National
# Grid (EPSG:27700) and the WGS84 longitude/latitude PROJ gives them with the operation
# "Inverse of British National Grid + OSGB36 to WGS 84 (6)" (the EPSG 7-parameter Helmert), via `cct`.
# Needs PROJ's command-line tools (Debian package proj-bin). Run from the project root; the output is committed.
set -euo pipefail
out=src/test/resources/crs/osgb36_wgs84_helmert6.csv
pipeline='+proj=pipeline +step +inv +proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy
 +step +proj=push +v_3 +step +proj=cart +ellps=airy
 +step +proj=helmert +x=446.448 +y=-125.157 +z=542.06 +rx=0.15 +ry=0.247 +rz=0.842 +s=-20.489 +convention=position_vector
 +step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 +step +proj=unitconvert +xy_in=rad +xy_out=deg'
# Probe points: a spread over Great Britain (corners of England, Wales and Scotland, and the demo county's area).
probes='
451000 206000
430000 190000
480000 250000
529000 181000
140000 30000
655000 310000
337000 390000
426000 565000
325000 673000
266000 846000
198000 373000
382000 82000
612000 130000
500000 500000
400000 100000
'
{
  echo "easting,northing,lon,lat"
  echo "$probes" | sed '/^$/d' | while read -r e n; do
    read -r lon lat _ < <(echo "$e $n 0 0" | cct -d 9 $pipeline)
    echo "$e,$n,$lon,$lat"
  done
} > "$out"
echo "wrote $out"
