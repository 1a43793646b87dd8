package vn.baochay.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes an alert's revision as an OASIS CAP 1.2 message: one {@code <info>} in Vietnamese and one in
 * English, the area as CAP's {@code <circle>} or {@code <polygon>}. An Update or a Cancel references
 * every earlier message of the alert, so a receiver that missed one still knows what it replaces.
 * Times are Vietnam's (+07:00), to the second, as CAP's pattern requires (no "Z", no fractions).
 */
@ApplicationScoped
class CapMessage {

    static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);

    private final AlertConfig config;

    CapMessage(AlertConfig config) {
        this.config = config;
    }

    static String identifier(UUID alertId, int revision) {
        return "urn:baochay:alert:" + alertId + ":" + revision;
    }

    static String time(Instant instant) {
        return CAP_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(VIETNAM));
    }

    /** The CAP XML of {@code alert}'s current revision; {@code earlier} are the revisions before it. */
    String write(StoredAlert alert, List<Alert.Revision> earlier) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "identifier", identifier(alert.id(), alert.revision()));
            element(xml, "sender", config.sender());
            element(xml, "sent", time(alert.sent()));
            element(xml, "status", config.status());
            element(xml, "msgType", alert.msgType());
            element(xml, "scope", "Public");
            if ("Cancel".equals(alert.msgType()) && alert.cancelReason() != null) {
                element(xml, "note", alert.cancelReason());
            }
            if (!earlier.isEmpty()) {
                StringBuilder references = new StringBuilder();
                for (Alert.Revision r : earlier) {
                    if (!references.isEmpty()) {
                        references.append(' ');
                    }
                    references.append(config.sender()).append(',').append(identifier(alert.id(), r.revision()))
                            .append(',').append(time(r.sent()));
                }
                element(xml, "references", references.toString());
            }
            if (alert.incidentId() != null) {
                element(xml, "incidents", "urn:baochay:incident:" + alert.incidentId());
            }
            info(xml, alert, "vi", "vi-VN", config.senderNameVi());
            info(xml, alert, "en", "en-US", config.senderNameEn());
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("CAP message could not be written", e);
        }
        return out.toString();
    }

    private void info(XMLStreamWriter xml, StoredAlert alert, String language, String capLanguage, String senderName)
            throws XMLStreamException {
        boolean cancel = "Cancel".equals(alert.msgType());
        xml.writeStartElement("info");
        element(xml, "language", capLanguage);
        element(xml, "category", alert.event().capCategory());
        element(xml, "event", alert.event().name(language));
        element(xml, "responseType", cancel ? "AllClear" : "Evacuate");
        element(xml, "urgency", alert.urgency());
        element(xml, "severity", alert.severity());
        element(xml, "certainty", alert.certainty());
        pair(xml, "eventCode", "baochay:event", alert.event().name());
        element(xml, "expires", time(alert.expires()));
        element(xml, "senderName", senderName);
        element(xml, "headline", cancel ? AlertWords.cancelled(language) + alert.headline().in(language)
                : alert.headline().in(language));
        element(xml, "instruction", cancel ? AlertWords.ended(language) : alert.instruction().in(language));
        xml.writeStartElement("area");
        element(xml, "areaDesc", areaDescription(alert, language));
        if (alert.area().isCircle()) {
            element(xml, "circle", alert.area().capCircle());
        } else {
            element(xml, "polygon", alert.area().capPolygon());
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static String areaDescription(StoredAlert alert, String language) {
        String provinces = String.join(", ", alert.provinces());
        if (alert.area().isCircle()) {
            AlertArea.Circle c = alert.area().circle();
            return String.format(Locale.ROOT, "en".equals(language) ? "Within %d m of %.5f, %.5f (%s)"
                    : "Trong bán kính %d m quanh %.5f, %.5f (%s)", c.radiusM(), c.center().lat(), c.center().lon(),
                    provinces);
        }
        return ("en".equals(language) ? "Marked area in " : "Khu vực khoanh vùng tại ") + provinces;
    }

    /** {@code <name>text</name>}, escaped. */
    static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** A CAP name/value pair, such as {@code <eventCode><valueName/><value/></eventCode>}. */
    private static void pair(XMLStreamWriter xml, String name, String valueName, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        element(xml, "valueName", valueName);
        element(xml, "value", value);
        xml.writeEndElement();
    }
}
