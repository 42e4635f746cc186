package dev.codeai.integrations.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void keepsJdbcUrlsAsTheyAre() {
        assertThat(DatabaseUrl.parse("jdbc:h2:/tmp/db;MODE=LEGACY").jdbc()).isEqualTo("jdbc:h2:/tmp/db;MODE=LEGACY");
    }

    @Test
    void rewritesPostgresUrlWithCredentialsAndQuery() {
        assertThat(DatabaseUrl.parse("postgres://app:s3cret@db.example:6543/orders?sslmode=require").jdbc())
                .isEqualTo("jdbc:postgresql://db.example:6543/orders?sslmode=require&user=app&password=s3cret");
    }

    @Test
    void rewritesPostgresqlSchemeWithoutCredentialsOrPort() {
        assertThat(DatabaseUrl.parse("postgresql://localhost/test").jdbc()).isEqualTo("jdbc:postgresql://localhost/test");
    }

    @Test
    void acceptsUserWithoutPassword() {
        assertThat(DatabaseUrl.parse("postgres://root@127.0.0.1:5432/test").jdbc())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=root");
    }

    @Test
    void reencodesPercentEncodedPasswords() {
        assertThat(DatabaseUrl.parse("postgres://u:p%40ss%3Aw+rd@h/d").jdbc())
                .isEqualTo("jdbc:postgresql://h/d?user=u&password=p%40ss%3Aw%2Brd");
    }

    @Test
    void rejectsOtherSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres://")
                .hasMessageNotContaining("secret");
    }
}
