package dev.bedrock4j.rag.store.internal;

import java.util.Arrays;

/**
 * A bounded heap of the best {@code capacity} (score, slot) pairs, kept in two primitive arrays. The
 * root is the worst kept pair; ties in score are ordered by id, so the result does not depend on scan
 * order or on how the scan was split across threads. Not thread-safe; confine each instance to one thread.
 */
final class TopK {
    private final String[] ids;
    private final float[] scores;
    private final int[] slots;
    private int size;

    TopK(int capacity, String[] ids) {
        this.ids = ids;
        this.scores = new float[capacity];
        this.slots = new int[capacity];
    }

    /** The score a new pair must reach to be considered; ties with it are decided by id in {@link #offer}. */
    float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    int size() {
        return size;
    }

    /** Keeps the pair if it beats the worst kept one. */
    void offer(float score, int slot) {
        if (size < scores.length) {
            scores[size] = score;
            slots[size] = slot;
            siftUp(size++);
        } else if (worse(scores[0], slots[0], score, slot)) {
            scores[0] = score;
            slots[0] = slot;
            siftDown(0);
        }
    }

    /** Offers every pair of another heap. */
    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.scores[i], other.slots[i]);
        }
    }

    /** The kept slots, best first; their scores via {@link #sortedScores()} after this call. */
    int[] sortedSlots() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> worse(scores[a], slots[a], scores[b], slots[b]) ? 1
                : worse(scores[b], slots[b], scores[a], slots[a]) ? -1 : 0);
        int[] sortedSlots = new int[size];
        float[] sortedScores = new float[size];
        for (int i = 0; i < size; i++) {
            sortedSlots[i] = slots[order[i]];
            sortedScores[i] = scores[order[i]];
        }
        System.arraycopy(sortedSlots, 0, slots, 0, size);
        System.arraycopy(sortedScores, 0, scores, 0, size);
        return sortedSlots;
    }

    float[] sortedScores() {
        return Arrays.copyOf(scores, size);
    }

    // whether pair a ranks below pair b: lower score, or equal score and larger id
    private boolean worse(float scoreA, int slotA, float scoreB, int slotB) {
        return scoreA < scoreB || (scoreA == scoreB && ids[slotA].compareTo(ids[slotB]) > 0);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], slots[i], scores[parent], slots[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(scores[right], slots[right], scores[left], slots[left])) {
                worst = right;
            }
            if (!worse(scores[worst], slots[worst], scores[i], slots[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int t = slots[a];
        slots[a] = slots[b];
        slots[b] = t;
    }
}
