package dsgen.maskstage.dataset;

import dsgen.records.ObjectRef;

/**
 * The three objects of one pair in its dataset folder, and how long encoding and writing them took.
 */
public record PairObjects(ObjectRef image, ObjectRef mask, ObjectRef annotation, long writeMs) {}
