package dev.bedrock4j.rag.store;

import dev.bedrock4j.core.FileInUseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A store writer in its own JVM: {@code <directory> <id prefix> <batches> <batch size> hold|exit [disk]} opens the
 * store (with {@code disk}, {@link PersistentVectorStore.Builder#vectorsOnDisk()}), adds the batches, saving after each and saying {@code SAVED <count>} once the save returned, then says
 * {@code HELD} and, with {@code hold}, keeps the store open until a line arrives on its standard input. A writer
 * that meets another says {@code IN_USE <message>} and exits {@value #IN_USE_STATUS}.
 */
public final class StoreWriterMain {
    static final int DIM = 16;
    static final int IN_USE_STATUS = 3;

    private StoreWriterMain() {
    }

    static float[] vector(String id) {
        java.util.Random random = new java.util.Random(id.hashCode());
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    public static void main(String[] args) throws IOException {
        PersistentVectorStore store;
        try {
            PersistentVectorStore.Builder builder = PersistentVectorStore.builder(Path.of(args[0]), DIM);
            store = (args.length > 5 && args[5].equals("disk") ? builder.vectorsOnDisk() : builder).open();
        } catch (FileInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.flush();
            System.exit(IN_USE_STATUS);
            return;
        }
        int batches = Integer.parseInt(args[2]);
        int size = Integer.parseInt(args[3]);
        for (int b = 0; b < batches; b++) {
            for (int i = b * size; i < (b + 1) * size; i++) {
                String id = args[1] + "-" + i;
                store.add(id, vector(id), "text of " + id, Map.of("writer", args[1]));
            }
            store.save();
            System.out.println("SAVED " + store.count());
            System.out.flush();
        }
        System.out.println("HELD pid " + ProcessHandle.current().pid());
        System.out.flush();
        if (args[4].equals("hold")) {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        store.close();
        System.out.println("RELEASED");
    }
}
