package org.pcnatlas.model;

import java.util.Objects;

/**
 * Patients registered at one GP practice who live in one LSOA: one row of the NHS "Patients
 * Registered at a GP Practice" practice x LSOA file ({@code gp-reg-pat-prac-lsoa-all}).
 *
 * @param lsoaCode the LSOA of residence as the file gives it (LSOA 2011 codes in older vintages)
 * @param patients registered patients, zero or more
 */
public record Registration(String practiceCode, String lsoaCode, long patients) {
  public Registration {
    Objects.requireNonNull(practiceCode, "practiceCode");
    Objects.requireNonNull(lsoaCode, "lsoaCode");
    if (patients < 0) {
      throw new IllegalArgumentException(
          "negative patient count "
              + patients
              + " for practice "
              + practiceCode
              + " in LSOA "
              + lsoaCode);
    }
  }
}
