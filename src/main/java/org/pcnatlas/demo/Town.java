package org.pcnatlas.demo;

import org.locationtech.jts.geom.Coordinate;

/**
 * A settlement of the demo county: the City or a market town, with the spread (standard deviation,
 * metres) of its built-up area and the number of population units it holds.
 */
record Town(String name, Coordinate centre, double spread, int unitCount, boolean city) {}
