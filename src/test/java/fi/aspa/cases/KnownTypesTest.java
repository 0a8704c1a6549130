package fi.aspa.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.tika.Tika;
import org.junit.jupiter.api.Test;

/** The shortcut past Tika answers as Tika does, and only when the name and the first bytes agree. */
class KnownTypesTest {
    final Tika tika = new Tika();

    static byte[] bytes(String head, int more) {
        byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(start, start.length + more);
        Arrays.fill(all, start.length, all.length, (byte) 'x');
        return all;
    }

    @Test
    void theCommonTypesAreWhatTikaSays() {
        Object[][] files = {
                {"hakemus.pdf", bytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", 400), "application/pdf"},
                {"LIITE.PDF", bytes("%PDF-1.4\n", 10), "application/pdf"},
                {"kuva.png", bytes("\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR", 100), "image/png"},
                {"kuva.jpg", bytes("\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000", 100), "image/jpeg"},
                {"kuva.jpeg", bytes("\u00ff\u00d8\u00ff\u00e1\u0000\u0010Exif\u0000", 100), "image/jpeg"},
                {"kuva.gif", bytes("GIF89a\u0001\u0000\u0001\u0000", 50), "image/gif"},
                {"vanha.gif", bytes("GIF87a\u0001\u0000\u0001\u0000", 50), "image/gif"},
        };
        for (Object[] f : files) {
            byte[] content = (byte[]) f[1];
            assertThat(KnownTypes.of(content, (String) f[0])).as((String) f[0]).isEqualTo(f[2])
                    .isEqualTo(tika.detect(content, (String) f[0]));
        }
    }

    @Test
    void whenTheNameAndTheBytesDisagreeTikaDecides() {
        assertThat(KnownTypes.of(bytes("MZ\u0090\u0000", 100), "lasku.pdf")).isNull();
        assertThat(KnownTypes.of(bytes("%PDF-1.4\n", 100), "lasku.exe")).isNull();
        assertThat(KnownTypes.of(bytes("%PDF-1.4\n", 100), "kuvitus.ai")).isNull();
        assertThat(KnownTypes.of(bytes("GIF89a", 10), "kuva.png")).isNull();
        assertThat(KnownTypes.of(new byte[] {'%', 'P'}, "lyhyt.pdf")).isNull();
        assertThat(KnownTypes.of(new byte[0], "tyhja.pdf")).isNull();
        assertThat(KnownTypes.of(null, "x.pdf")).isNull();
        assertThat(KnownTypes.of(bytes("%PDF-1.4", 1), null)).isNull();
    }
}
