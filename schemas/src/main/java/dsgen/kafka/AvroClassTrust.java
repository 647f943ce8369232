package dsgen.kafka;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12.2 refuses to instantiate generated classes it was not told to trust ("Forbidden
 * dsgen.records.JobState! This class is not trusted"), both when decoding and when a builder fills
 * in an enum default. Services would otherwise need {@code
 * -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dsgen.records} on every JVM; instead the contract adds
 * its own package to Avro's global validator when Avro starts ({@link AvroClassTrustHook}) and
 * again, to be independent of class-loader set-ups that hide the hook, when {@link AvroSerde}
 * loads.
 */
public final class AvroClassTrust {

  /** Package of the classes generated from {@code src/main/avro}. */
  public static final String RECORDS_PACKAGE = "dsgen.records";

  private static boolean installed;

  private AvroClassTrust() {}

  /** Trusts {@value #RECORDS_PACKAGE} in addition to whatever Avro already trusts. Idempotent. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate records = type -> RECORDS_PACKAGE.equals(type.getPackageName());
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), records));
    installed = true;
  }
}
