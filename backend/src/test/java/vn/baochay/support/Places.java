package vn.baochay.support;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Positions for tests that must not meet each other's incidents: each call gives a new point on a
 * grid with 5 km spacing over the Central Highlands (Gia Lai, Đắk Lắk, Lâm Đồng and their coastal
 * neighbours, none a demo dispatcher's province), all within the service area and far beyond any
 * merge radius of the others.
 */
public final class Places {

    /** Điện Biên Phủ's central market, for tests that want a real place. */
    public static final double[] DIEN_BIEN_PHU = {21.3856, 103.0169};

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final double SPACING_DEG = 0.05;
    private static final int COLUMNS = 24;

    private Places() {
    }

    private static final AtomicInteger NEXT_DIEN_BIEN = new AtomicInteger();
    private static final AtomicInteger NEXT_LAO_CAI = new AtomicInteger();

    /** A new point in the Điện Biên Phủ valley (province Điện Biên), 650 m from any other. */
    public static double[] inDienBien() {
        int n = NEXT_DIEN_BIEN.getAndIncrement();
        return new double[] {21.33 + (n / 12) * 0.006, 102.99 + (n % 12) * 0.006};
    }

    /** A new point around Lào Cai city (province Lào Cai), 650 m from any other. */
    public static double[] inLaoCai() {
        int n = NEXT_LAO_CAI.getAndIncrement();
        return new double[] {22.42 + (n / 12) * 0.006, 103.93 + (n % 12) * 0.006};
    }

    /** A point in Paris: outside Vietnam's land and sea area. */
    public static final double[] PARIS = {48.8566, 2.3522};

    /** Phú Lâm (Woody Island), Hoàng Sa: Vietnamese, 300 km off the coast. */
    public static final double[] HOANG_SA = {16.834, 112.338};

    /** {lat, lon} of a point no other test has used. */
    public static double[] fresh() {
        int n = NEXT.getAndIncrement();
        if (n >= 1200) {
            throw new IllegalStateException("Places.fresh() ran out of its 1200 points");
        }
        return new double[] {11.9 + (n / COLUMNS) * SPACING_DEG, 107.65 + (n % COLUMNS) * SPACING_DEG};
    }

    /** The point {@code metres} north of {@code from}. */
    public static double[] north(double[] from, double metres) {
        return new double[] {from[0] + metres / 111_195.0, from[1]};
    }

    /** The point {@code metres} east of {@code from}. */
    public static double[] east(double[] from, double metres) {
        return new double[] {from[0], from[1] + metres / (111_195.0 * Math.cos(Math.toRadians(from[0])))};
    }
}
