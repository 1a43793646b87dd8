package vn.baochay.notify;

/**
 * What a reporter's phone (or a premises owner's) is told about, and the words for it in each language the app
 * speaks.
 */
enum PushKind {
    ACKNOWLEDGED("Trung tâm 114 đã tiếp nhận tin báo của bạn", "Lực lượng chữa cháy đang được điều động.",
            "The 114 centre has taken your report", "Fire units are being dispatched."),
    DISPATCHED("Lực lượng chữa cháy đang trên đường tới", "Hãy ở nơi an toàn và giữ điện thoại bên mình.",
            "Fire units are on their way", "Stay somewhere safe and keep your phone with you."),
    ON_SCENE("Lực lượng chữa cháy đã có mặt", "Hãy làm theo hướng dẫn của cán bộ tại hiện trường.",
            "Fire units have arrived", "Follow the instructions of the officers on the scene."),
    CONTROLLED("Đám cháy đã được khống chế", "Chưa quay lại khu vực khi chưa được phép.",
            "The fire is under control", "Do not go back until you are told it is safe."),
    CLOSED("Sự cố đã được xử lý xong", "Cảm ơn bạn đã báo tin.",
            "The incident is over", "Thank you for reporting it."),
    FALSE_ALARM("Sự cố được xác định là báo nhầm", "Cảm ơn bạn đã báo tin.",
            "The report turned out to be a false alarm", "Thank you for reporting it."),
    MESSAGE("Tin nhắn từ Trung tâm 114", "Mở ứng dụng để đọc tin nhắn.",
            "A message from the 114 centre", "Open the app to read it."),
    /** To the owners' phones of premises whose automatic fire alarm went off (not to a reporter). */
    PREMISES_ALARM("Hệ thống báo cháy tại cơ sở của bạn đang báo động",
            "Trung tâm 114 đã nhận tín hiệu. Hãy kiểm tra ngay và giữ an toàn, gọi 114 nếu có cháy.",
            "The fire alarm at your premises has gone off",
            "The 114 centre has the signal. Check at once, keep safe, and call 114 if there is a fire.");

    private final String titleVi;
    private final String bodyVi;
    private final String titleEn;
    private final String bodyEn;

    PushKind(String titleVi, String bodyVi, String titleEn, String bodyEn) {
        this.titleVi = titleVi;
        this.bodyVi = bodyVi;
        this.titleEn = titleEn;
        this.bodyEn = bodyEn;
    }

    String title(String language) {
        return "en".equals(language) ? titleEn : titleVi;
    }

    String body(String language) {
        return "en".equals(language) ? bodyEn : bodyVi;
    }
}
