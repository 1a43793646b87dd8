package vn.baochay.alert;

/** What an alert is about, with CAP's category for it and its name in each language. */
public enum AlertKind {
    FIRE("Fire", "Cháy", "Fire"),
    EXPLOSION("Fire", "Cháy nổ", "Explosion"),
    FLOOD("Met", "Lũ lụt", "Flood"),
    LANDSLIDE("Geo", "Sạt lở đất", "Landslide"),
    EARTHQUAKE("Geo", "Động đất", "Earthquake"),
    TYPHOON("Met", "Bão", "Typhoon"),
    OTHER("Safety", "Nguy hiểm", "Hazard");

    private final String capCategory;
    private final String vi;
    private final String en;

    AlertKind(String capCategory, String vi, String en) {
        this.capCategory = capCategory;
        this.vi = vi;
        this.en = en;
    }

    String capCategory() {
        return capCategory;
    }

    String name(String language) {
        return "en".equals(language) ? en : vi;
    }
}
