package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void isAVersion7UuidThatCarriesTheTimeInItsFirst48Bits() {
        UUID id = Ids.next(0x0123_4567_89ABL, -1L, -1L);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).startsWith("01234567-89ab-7fff-bfff-ffffffffffff");
        assertThat(Ids.next(0x0123_4567_89ABL, 0L, 0L).toString()).isEqualTo("01234567-89ab-7000-8000-000000000000");
    }

    @Test
    void idsMadeLaterSortLaterAndNoneRepeats() {
        String earlier = Ids.next(1_764_756_000_000L, 42, 7).toString();
        String later = Ids.next(1_764_756_000_001L, 0, 0).toString();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Ids.next());
        }

        assertThat(later).isGreaterThan(earlier);
        assertThat(seen).hasSize(100_000);
        assertThat(UUID.fromString(seen.iterator().next()).version()).isEqualTo(7);
    }
}
