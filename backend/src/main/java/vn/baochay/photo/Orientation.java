package vn.baochay.photo;

import java.awt.image.BufferedImage;

/** Turns pixels upright as the EXIF orientation (1–8) says, so that no viewer has to read metadata. */
final class Orientation {

    private Orientation() {
    }

    static BufferedImage apply(BufferedImage source, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return source;
        }
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        int[] from = source.getRGB(0, 0, w, h, null, 0, w);
        int[] to = new int[from.length];
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                // (sx, sy): the source pixel that lands at (x, y)
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }          // mirrored left-right
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }  // upside down
                    case 4 -> { sx = x; sy = h - 1 - y; }          // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                  // transposed
                    case 6 -> { sx = y; sy = h - 1 - x; }          // needs a quarter turn clockwise
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }  // transversed
                    default -> { sx = w - 1 - y; sy = x; }         // 8: needs a quarter turn anticlockwise
                }
                to[y * dw + x] = from[sy * w + sx];
            }
        }
        BufferedImage upright = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        upright.setRGB(0, 0, dw, dh, to, 0, dw);
        return upright;
    }
}
