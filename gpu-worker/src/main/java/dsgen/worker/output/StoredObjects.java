package dsgen.worker.output;

import dsgen.records.ObjectRef;

/** Where one generation attempt's objects were put, and how long it took. */
public record StoredObjects(ObjectRef image, ObjectRef attention, long storeMs) {}
