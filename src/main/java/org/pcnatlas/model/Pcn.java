package org.pcnatlas.model;

import java.util.List;

/**
 * A Primary Care Network: its code and name, its member practices' codes (sorted) and its
 * registered list (the sum of the members' known list sizes).
 */
public record Pcn(String code, String name, List<String> practiceCodes, long registeredList) {
  public Pcn {
    practiceCodes = List.copyOf(practiceCodes);
  }

  public boolean unallocated() {
    return Practice.UNALLOCATED.equals(code);
  }
}
