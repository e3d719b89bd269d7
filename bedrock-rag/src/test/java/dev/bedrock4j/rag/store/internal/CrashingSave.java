package dev.bedrock4j.rag.store.internal;

import dev.bedrock4j.rag.store.PersistentVectorStore;
import java.nio.file.Path;
import java.util.Random;

/** Run in a separate JVM: adds entries to a store and halts the JVM (no shutdown hooks) in the middle of saving. */
public final class CrashingSave {
    static final int HALT_STATUS = 77;

    private CrashingSave() {
    }

    public static void main(String[] args) {
        PersistentVectorStore store = PersistentVectorStore.open(Path.of(args[0]), StoreFileTest.dimension());
        StoreFileTest.fill(store, new Random(11), 400, 3000);
        int[] chunks = {0};
        StoreFile.faultHook = stage -> {
            if (stage.equals("chunk") && ++chunks[0] == 4) {
                System.out.println("halting during save");
                System.out.flush();
                Runtime.getRuntime().halt(HALT_STATUS);
            }
        };
        store.save();
        System.out.println("the save finished, which it should not have");
    }
}
