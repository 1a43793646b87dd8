package vn.baochay.support;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

/** The OASIS CAP 1.2 schema (test resources, cap/CAP-v1.2.xsd), to validate every CAP message the application writes. */
public final class CapSchema {

    private static final Schema SCHEMA = load();

    private CapSchema() {
    }

    /** Throws, naming the first violation, unless {@code xml} is a valid CAP 1.2 message. */
    public static void validate(String xml) {
        try {
            var validator = SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError("not a valid CAP 1.2 message: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static Schema load() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSchema(CapSchema.class.getResource("/cap/CAP-v1.2.xsd"));
        } catch (Exception e) {
            throw new IllegalStateException("CAP 1.2 schema not loadable", e);
        }
    }
}
