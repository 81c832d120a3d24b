package org.pcnatlas.overlay;

/**
 * The area one PCN catchment shares with one area of a layer, without the intersection polygon (see
 * {@link AlignmentPair} for the pair with its polygon).
 *
 * @param areaM2 the area of the intersection, m²
 * @param shareOfPcnArea {@code areaM2} divided by the area of the PCN's catchment
 */
public record PairArea(
    String pcnCode,
    String areaLayer,
    String areaCode,
    String areaName,
    double areaM2,
    double shareOfPcnArea) {}
