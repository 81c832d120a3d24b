#!/usr/bin/env bash
# Downloads the real open data pcn-atlas analyses, from their publishers, into a folder of your choice
# (default ./opendata). NEEDS INTERNET ACCESS; it is not run in CI. Needs curl, unzip and GDAL's ogr2ogr
# (Debian: apt-get install curl unzip gdal-bin).
#
#   scripts/fetch-open-data.sh [OUT_DIR]
#
# Sources (all Open Government Licence v3.0):
#   ONS Open Geography Portal  - Local Authority Districts (May 2024) BUC, LSOA (Dec 2021) BSC,
#                                LSOA 2021 population-weighted centroids; ArcGIS feature services.
#   ONS Census 2021 (Nomis)    - usual residents by LSOA 2021 (TS001).
#   NHS England                - "Patients Registered at a GP Practice": practice list sizes
#                                (gp-reg-pat-prac-all.csv), practice -> PCN map (gp-reg-pat-prac-map.csv),
#                                practice x LSOA registrations (gp-reg-pat-prac-lsoa-all.csv).
#   NHS ODS                    - GP practices (epraccur), with postcodes for geocoding.
# Publishers move files now and then; each URL is in one variable below so it is easy to update.
set -euo pipefail
out=${1:-opendata}
mkdir -p "$out"
for tool in curl unzip ogr2ogr; do
  command -v "$tool" >/dev/null || { echo "fetch-open-data: $tool is needed (Debian: apt-get install curl unzip gdal-bin)" >&2; exit 1; }
done

ARCGIS=https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services
LAD_SERVICE=Local_Authority_Districts_May_2024_Boundaries_UK_BUC
LSOA_SERVICE=Lower_layer_Super_Output_Areas_December_2021_Boundaries_EW_BSC_V4
LSOA_PWC_SERVICE=LLSOA_Dec_2021_PWC_for_England_and_Wales_2022
NOMIS_TS001='https://www.nomisweb.co.uk/api/v01/dataset/NM_2021_1.data.csv?date=latest&geography=TYPE151&c2021_restype_3=0&measures=20100&select=geography_code,geography_name,obs_value'
NHS_PUBLICATION=https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice
ODS_EPRACCUR=https://files.digital.nhs.uk/assets/ods/current/epraccur.zip

# ArcGIS feature service -> file, paged by GDAL's ESRIJSON driver.
arcgis() { # service, output file, output CRS
  echo "ONS: $1 -> $2"
  ogr2ogr -f "$(case $2 in *.gpkg) echo GPKG;; *) echo GeoJSON;; esac)" -t_srs "$3" "$2" \
    "ESRIJSON:$ARCGIS/$1/FeatureServer/0/query?where=1%3D1&outFields=*&f=json&resultRecordCount=2000"
}
arcgis "$LAD_SERVICE" "$out/lad_may2024_buc.geojson" EPSG:4326
arcgis "$LSOA_SERVICE" "$out/lsoa_dec2021_bsc.gpkg" EPSG:27700
arcgis "$LSOA_PWC_SERVICE" "$out/lsoa21_pwc.gpkg" EPSG:27700

echo "Nomis: Census 2021 usual residents by LSOA 2021"
curl -fsSL "$NOMIS_TS001" -o "$out/census2021_usual_residents_lsoa21.csv"

# NHS England: the newest monthly publication page links the CSV files.
echo "NHS England: Patients Registered at a GP Practice (latest)"
latest=$(curl -fsSL "$NHS_PUBLICATION" | grep -oE "$NHS_PUBLICATION/[a-z]+-[0-9]{4}" | head -1)
[ -n "$latest" ] || { echo "fetch-open-data: no publication found on $NHS_PUBLICATION" >&2; exit 1; }
page=$(curl -fsSL "$latest")
for name in gp-reg-pat-prac-all.csv gp-reg-pat-prac-map.csv gp-reg-pat-prac-lsoa-all.zip; do
  url=$(echo "$page" | grep -oE "https://files\.digital\.nhs\.uk/[^\"]*/$name" | head -1)
  if [ -z "$url" ]; then
    echo "fetch-open-data: $name not linked from $latest (the publisher may have renamed it)" >&2
    continue
  fi
  echo "  $url"
  curl -fsSL "$url" -o "$out/$name"
done
[ -f "$out/gp-reg-pat-prac-lsoa-all.zip" ] && unzip -o -q "$out/gp-reg-pat-prac-lsoa-all.zip" -d "$out"

echo "NHS ODS: GP practices (epraccur)"
curl -fsSL "$ODS_EPRACCUR" -o "$out/epraccur.zip" && unzip -o -q "$out/epraccur.zip" -d "$out"

echo "done: files in $out (see README 'Real data' for the analyse/inspect commands)"
