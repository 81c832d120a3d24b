package org.pcnatlas.demo;

import org.locationtech.jts.geom.Coordinate;

/**
 * A practice as planned before registrations are modelled: fictional ODS-like code and name, its
 * PCN (code {@code U} and name {@code Unallocated} when it belongs to none), location (EPSG:27700,
 * whole metres) and the list size the registration model aims at.
 */
record PracticePlan(
    String code, String name, String pcnCode, String pcnName, Coordinate location, double target) {}
