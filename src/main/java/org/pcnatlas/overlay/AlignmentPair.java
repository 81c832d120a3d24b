package org.pcnatlas.overlay;

import org.locationtech.jts.geom.Geometry;

/**
 * The intersection of one PCN catchment with one area: its polygon, area (m²) and share of the
 * PCN's catchment area.
 */
public record AlignmentPair(
    String pcnCode,
    String areaLayer,
    String areaCode,
    String areaName,
    Geometry geometry,
    double areaM2,
    double shareOfPcnArea) {}
