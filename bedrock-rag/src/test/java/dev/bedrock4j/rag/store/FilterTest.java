package dev.bedrock4j.rag.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
    private final Map<String, String> en = Map.of("lang", "en", "kind", "faq");
    private final Map<String, String> fr = Map.of("lang", "fr");

    @Test
    void equalityAndSetMembership() {
        assertThat(Filter.eq("lang", "en").test(en)).isTrue();
        assertThat(Filter.eq("lang", "en").test(fr)).isFalse();
        assertThat(Filter.eq("missing", "x").test(en)).isFalse();
        assertThat(Filter.in("lang", "de", "fr").test(fr)).isTrue();
        assertThat(Filter.in("lang", "de", "fr").test(en)).isFalse();
        assertThat(Filter.all().test(Map.of())).isTrue();
    }

    @Test
    void filtersCompose() {
        Filter faqInEnglish = Filter.eq("lang", "en").and(Filter.eq("kind", "faq"));
        assertThat(faqInEnglish.test(en)).isTrue();
        assertThat(faqInEnglish.test(fr)).isFalse();
        assertThat(faqInEnglish.or(Filter.eq("lang", "fr")).test(fr)).isTrue();
        assertThat(faqInEnglish.negate().test(fr)).isTrue();
        assertThat(Filter.all().and(faqInEnglish)).isSameAs(faqInEnglish);
    }

    @Test
    void rejectsEmptySetsAndNulls() {
        assertThatThrownBy(() -> Filter.in("lang")).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> Filter.eq("lang", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SearchOptions.top(3).withFilter(null)).hasMessageContaining("Filter.all()");
    }
}
