package org.pcnatlas.demo;

import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * One LSOA-like population unit: synthetic code and name, polygon (EPSG:27700, millimetre),
 * resident population, population-weighted centroid (inside the polygon) and the index of its
 * district in {@link DistrictSpec#ALL}.
 */
record PopulationUnit(
    String code, String name, Polygon polygon, long population, Point centroid, int district) {}
