package vn.baochay.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Pixel work on 8-bit BGR images (what the JPEG reader produces and the writer takes without
 * conversion), written against the raw byte arrays: shrinking by whole blocks first, then the last
 * step of at most 2× by Thumbnailator; and turning upright by the EXIF orientation.
 */
final class Pixels {

    private Pixels() {
    }

    /** The image as 8-bit BGR; transparent pixels become white, as they would look on paper. */
    static BufferedImage bgr(BufferedImage image) {
        if (plainBgr(image)) {
            return image;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, bgr.getWidth(), bgr.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return bgr;
    }

    /** BGR whose pixels fill its byte array from the start, row after row, as the methods here read them. */
    private static boolean plainBgr(BufferedImage image) {
        var raster = image.getRaster();
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR && raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getDataBuffer().getNumBanks() == 1
                && raster.getDataBuffer().getSize() == image.getWidth() * image.getHeight() * 3;
    }

    /** Scaled down so that its longest side is at most {@code longest}; never scaled up. */
    static BufferedImage fit(BufferedImage bgr, int longest) {
        int side = Math.max(bgr.getWidth(), bgr.getHeight());
        if (side <= longest) {
            return bgr;
        }
        // Whole blocks averaged: exact, and a single pass over the pixels, however large the factor.
        int block = side / longest;
        BufferedImage smaller = block >= 2 ? averageBlocks(bgr, block) : bgr;
        if (Math.max(smaller.getWidth(), smaller.getHeight()) <= longest) {
            return smaller;
        }
        try {
            return bgr(Thumbnails.of(smaller).size(longest, longest).asBufferedImage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage averageBlocks(BufferedImage source, int block) {
        int w = source.getWidth();
        int h = source.getHeight();
        int dw = w / block;
        int dh = h / block;
        byte[] from = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();
        BufferedImage target = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] to = ((DataBufferByte) target.getRaster().getDataBuffer()).getData();
        int area = block * block;
        int[] sums = new int[dw * 3];
        for (int dy = 0; dy < dh; dy++) {
            java.util.Arrays.fill(sums, 0);
            for (int y = dy * block; y < (dy + 1) * block; y++) {
                int row = y * w * 3;
                for (int dx = 0; dx < dw; dx++) {
                    int at = row + dx * block * 3;
                    int b = 0;
                    int g = 0;
                    int r = 0;
                    for (int i = 0; i < block; i++, at += 3) {
                        b += from[at] & 0xFF;
                        g += from[at + 1] & 0xFF;
                        r += from[at + 2] & 0xFF;
                    }
                    sums[dx * 3] += b;
                    sums[dx * 3 + 1] += g;
                    sums[dx * 3 + 2] += r;
                }
            }
            int out = dy * dw * 3;
            for (int i = 0; i < dw * 3; i++) {
                to[out + i] = (byte) ((sums[i] + area / 2) / area);
            }
        }
        return target;
    }

    /** Turns the pixels upright as the EXIF orientation (1–8) says, so that no viewer has to read metadata. */
    static BufferedImage upright(BufferedImage bgr, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return bgr;
        }
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        boolean swap = orientation >= 5;
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        byte[] from = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        BufferedImage upright = new BufferedImage(dw, dh, BufferedImage.TYPE_3BYTE_BGR);
        byte[] to = ((DataBufferByte) upright.getRaster().getDataBuffer()).getData();
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
                int s = (sy * w + sx) * 3;
                int d = (y * dw + x) * 3;
                to[d] = from[s];
                to[d + 1] = from[s + 1];
                to[d + 2] = from[s + 2];
            }
        }
        return upright;
    }
}
