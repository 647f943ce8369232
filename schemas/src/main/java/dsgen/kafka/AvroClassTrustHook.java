package dsgen.kafka;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Installs {@link AvroClassTrust} as soon as Avro is used in a JVM, before any generated class can
 * be checked. Avro discovers logical-type factories through {@link java.util.ServiceLoader} when it
 * parses its first schema, which every generated class does in its static initializer; that
 * discovery is the only start-up hook Avro offers. This factory claims a logical-type name no dsgen
 * schema uses, so it never produces a type.
 */
public final class AvroClassTrustHook implements LogicalTypes.LogicalTypeFactory {

  /** Logical-type name this factory is registered under; never used in a schema. */
  public static final String TYPE_NAME = "dsgen-class-trust-hook";

  public AvroClassTrustHook() {
    AvroClassTrust.install();
  }

  @Override
  public LogicalType fromSchema(Schema schema) {
    return null;
  }

  @Override
  public String getTypeName() {
    return TYPE_NAME;
  }
}
