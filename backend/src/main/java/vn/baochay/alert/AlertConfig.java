package vn.baochay.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How alerts are published as CAP 1.2. */
@ConfigMapping(prefix = "baochay.alerts")
public interface AlertConfig {

    /** CAP {@code <sender>}: a globally unique name of the issuing centre (a domain or an address). */
    @WithDefault("baochay114.example")
    String sender();

    /** CAP {@code <senderName>}, in Vietnamese and English. */
    @WithDefault("Trung tâm 114 — Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ")
    String senderNameVi();

    @WithDefault("114 centre — Fire and Rescue Police")
    String senderNameEn();

    /** CAP {@code <status>}: Actual in service; Exercise or Test for drills and demonstrations. */
    @WithDefault("Actual")
    String status();
}
