package vn.baochay.followup;

import vn.baochay.incident.IncidentStatus;

/** An incident's status in the words a citizen understands, with its sentence in Vietnamese and English. */
public enum CitizenStatus {
    RECEIVED("Tin báo đã được ghi nhận, đang chờ tiếp nhận", "Your report was received and is waiting for a dispatcher"),
    ACKNOWLEDGED("Trung tâm 114 đã tiếp nhận tin báo", "The 114 centre has taken your report"),
    UNITS_ON_THE_WAY("Lực lượng chữa cháy đang trên đường tới", "Fire units are on their way"),
    UNITS_ON_SCENE("Lực lượng chữa cháy đã có mặt tại hiện trường", "Fire units are on the scene"),
    UNDER_CONTROL("Đám cháy đã được khống chế", "The fire is under control"),
    CLOSED("Sự cố đã được xử lý xong", "The incident has been dealt with"),
    FALSE_ALARM("Sự cố được xác định là báo nhầm", "The incident was found to be a false alarm");

    private final String vi;
    private final String en;

    CitizenStatus(String vi, String en) {
        this.vi = vi;
        this.en = en;
    }

    public String text(String language) {
        return "en".equals(language) ? en : vi;
    }

    /**
     * A merged incident's reports belong to the incident it was merged into, so a report never sees
     * MERGED; it is read as that incident's status by the caller.
     */
    static CitizenStatus of(IncidentStatus status) {
        return switch (status) {
            case NEW -> RECEIVED;
            case ACKNOWLEDGED -> ACKNOWLEDGED;
            case DISPATCHED -> UNITS_ON_THE_WAY;
            case ON_SCENE -> UNITS_ON_SCENE;
            case CONTROLLED -> UNDER_CONTROL;
            case CLOSED, MERGED -> CLOSED;
            case FALSE_ALARM -> FALSE_ALARM;
        };
    }
}
