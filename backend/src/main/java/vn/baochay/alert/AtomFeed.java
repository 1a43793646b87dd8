package vn.baochay.alert;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The alerts as an Atom feed (RFC 4287), the way CAP aggregators and alert hubs read a source: one
 * entry per alert with its latest CAP message linked, cancelled alerts included (as their Cancel)
 * for a day, so a reader learns that an alert it showed is over.
 */
@ApplicationScoped
class AtomFeed {

    static final String MEDIA_TYPE = "application/atom+xml";
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private final AlertConfig config;

    AtomFeed(AlertConfig config) {
        this.config = config;
    }

    String write(List<Alert> alerts, String language, Instant now) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            xml.writeAttribute("xml:lang", language);
            CapMessage.element(xml, "id", "urn:baochay:alerts:" + language);
            CapMessage.element(xml, "title", "en".equals(language) ? "Báo cháy 114 — area alerts" : "Báo cháy 114 — cảnh báo khu vực");
            Instant updated = alerts.stream().map(Alert::sent).max(Instant::compareTo).orElse(now);
            CapMessage.element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
            xml.writeStartElement("author");
            CapMessage.element(xml, "name", "en".equals(language) ? config.senderNameEn() : config.senderNameVi());
            xml.writeEndElement();
            link(xml, "self", MEDIA_TYPE, "/api/v1/alerts.atom?lang=" + language);
            for (Alert alert : alerts) {
                boolean cancel = "Cancel".equals(alert.msgType());
                xml.writeStartElement("entry");
                CapMessage.element(xml, "id", alert.identifier());
                CapMessage.element(xml, "title", (cancel ? AlertWords.cancelled(language) : "") + alert.headline().in(language));
                CapMessage.element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(alert.sent()));
                CapMessage.element(xml, "summary", cancel ? AlertWords.ended(language) : alert.instruction().in(language));
                xml.writeStartElement("category");
                xml.writeAttribute("term", alert.event().name());
                xml.writeEndElement();
                link(xml, "alternate", "application/cap+xml", alert.capUrl());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Atom feed could not be written", e);
        }
        return out.toString();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeStartElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
        xml.writeEndElement();
    }
}
