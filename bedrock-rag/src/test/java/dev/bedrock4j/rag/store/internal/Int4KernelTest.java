package dev.bedrock4j.rag.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 4-bit kernels against a direct evaluation of their contract, bit for bit. */
class Int4KernelTest {
    private static final int VECTORS = 8 * Kernel.INT4_WORDS;

    private static List<Kernel> kernels() {
        List<Kernel> kernels = new ArrayList<>(List.of(Kernels.plain()));
        Kernels.vectorApi().ifPresent(kernels::add);
        return kernels;
    }

    // sum(q * code) with q the 8-bit query, in long arithmetic, scaled as the contract says
    private static float[] reference(int[][] tile, int[] codeSums, QueryCodes query) {
        int dim = tile.length;
        int[] biased = query.biased;
        float[] out = new float[VECTORS];
        for (int j = 0; j < VECTORS; j++) {
            long raw = 0;
            for (int d = 0; d < dim; d++) {
                long nibble = (tile[d][j / 8] >>> (4 * (j % 8))) & 0xF;
                raw += biased[d] * nibble;
            }
            out[j] = query.int4Score(raw, codeSums[j]);
        }
        return out;
    }

    @ParameterizedTest(name = "dimension {0}")
    @ValueSource(ints = {1, 15, 16, 17, 37, 1024})
    void everyKernelComputesTheContractExactlyIncludingTheLargestSums(int dim) {
        Random random = new Random(dim);
        int[][] tile = new int[dim][Kernel.INT4_WORDS];
        int[] codeSums = new int[VECTORS];
        for (int d = 0; d < dim; d++) {
            for (int w = 0; w < Kernel.INT4_WORDS; w++) {
                int packed = 0;
                for (int k = 0; k < 8; k++) {
                    // vector 0: the largest code everywhere, the worst case for the packed sums; others random
                    int code = w == 0 && k == 0 ? 7 : random.nextInt(15) - 7;
                    codeSums[8 * w + k] += code;
                    packed |= (code + 8) << (4 * k);
                }
                tile[d][w] = packed;
            }
        }
        float[] gaussian = new float[dim];
        float[] flat = new float[dim];
        for (int d = 0; d < dim; d++) {
            gaussian[d] = (float) random.nextGaussian();
            flat[d] = 0.5f; // every biased value 255: the largest products
        }
        for (float[] values : List.of(gaussian, flat, new float[dim])) {
            QueryCodes query = QueryCodes.of(values);
            float[] expected = reference(tile, codeSums, query);
            for (Kernel kernel : kernels()) {
                float[] out = new float[VECTORS];
                kernel.dotInt4(tile, codeSums, 0, query, out);
                assertThat(out).as(kernel.int4Name()).containsExactly(expected);
            }
        }
    }
}
