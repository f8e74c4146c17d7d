package io.hearth.sandbox.code;

import java.util.Arrays;

/**
 * Builds, without compressing anything, a raw deflate stream that inflates to {@code 1 + 258 * matches}
 * zero bytes at the format's best ratio (about 1032:1): one dynamic-Huffman block whose code gives the
 * literal 0 and end-of-block two bits, the length 258 one bit, and the distance 1 one bit. After one
 * literal 0, each "copy 258 bytes from distance 1" is then two zero bits, so the body is zero bytes.
 * Writing 1 GiB of zeros through a {@link java.util.zip.Deflater} instead takes seconds.
 */
final class ZerosDeflate {
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1};

    private byte[] out;
    private long bit;

    private ZerosDeflate(long matches) {
        out = new byte[(int) (matches / 4 + 64)];
    }

    static long inflatedSize(long matches) {
        return 1 + 258 * matches;
    }

    static byte[] stream(long matches) {
        ZerosDeflate w = new ZerosDeflate(matches);
        w.value(1, 1).value(2, 2);                       // last block, dynamic Huffman
        w.value(286 - 257, 5).value(0, 5).value(18 - 4, 4); // HLIT, HDIST, HCLEN
        int[] codeLengthLengths = new int[19];
        codeLengthLengths[18] = 1;                        // code "0"
        codeLengthLengths[1] = 2;                         // code "10"
        codeLengthLengths[2] = 2;                         // code "11"
        for (int symbol : CODE_LENGTH_ORDER) w.value(codeLengthLengths[symbol], 3);
        w.code("11");                                     // literal 0: length 2
        w.code("0").value(138 - 11, 7);                   // literals 1..138: unused
        w.code("0").value(117 - 11, 7);                   // literals 139..255: unused
        w.code("11");                                     // end of block: length 2
        w.code("0").value(28 - 11, 7);                    // lengths 257..284: unused
        w.code("10");                                     // length 258 (symbol 285): length 1
        w.code("10");                                     // distance 1 (symbol 0): length 1
        w.code("10");                                     // body: literal 0
        w.bit += 2 * matches;                             // each match: "0" then "0"
        w.code("11");                                     // end of block
        return Arrays.copyOf(w.out, (int) ((w.bit + 7) / 8));
    }

    /** Writes {@code count} bits of {@code value}, least significant first (header fields, extra bits). */
    private ZerosDeflate value(int value, int count) {
        for (int i = 0; i < count; i++) put((value >>> i & 1) == 1);
        return this;
    }

    /** Writes a Huffman code, most significant bit first. */
    private ZerosDeflate code(String bits) {
        for (char c : bits.toCharArray()) put(c == '1');
        return this;
    }

    private void put(boolean one) {
        if (one) out[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
        bit++;
    }
}
