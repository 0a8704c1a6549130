package fi.aspa.channels.open311;

import static org.assertj.core.api.Assertions.assertThat;

import fi.aspa.AspaTest;
import fi.aspa.Fixtures;
import fi.aspa.catalogue.Catalogue;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

/**
 * The CitySDK media upload: a real image is stored with the case and published in media_url/media_urls; a file
 * that only claims to be an image, and an image over the size limit, are refused with the error list.
 */
@AspaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311MediaTest {
    @LocalServerPort int port;
    @Autowired Fixtures fixtures;
    @Autowired Catalogue catalogue;
    @Autowired Open311Keys keys;
    @Autowired JdbcClient db;

    Open311Client client;
    Fixtures.Org org;
    String key;

    @BeforeAll
    void setUp() {
        client = new Open311Client(port);
        org = fixtures.organization();
        catalogue.addHelsinkiFeedbackServices(org.id(), org.building().id());
        key = "key-" + org.organization().slug();
        keys.register(org.id(), "test", key);
    }

    Map<String, String> fields() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", key);
        form.put("service_code", "172");
        form.put("address_string", "Kauppatori, Helsinki");
        form.put("title", "Rikottu penkki");
        form.put("description", "Puiston penkki on rikottu, kuva liitteenä.");
        return form;
    }

    static byte[] png(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < size; x++) for (int y = 0; y < size; y++) image.setRGB(x, y, new Color(x % 256, y % 256, (x * y) % 256).getRGB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    int cases() {
        return db.sql("select count(*) from support_case where organization_id = ?").param(org.id().value()).query(Integer.class).single();
    }

    @Test
    void anImageIsStoredAndPublished() throws IOException {
        byte[] image = png(40);
        Open311Client.Response response = client.postMultipart("/open311/v2/requests.json", fields(),
                List.of(Map.entry("penkki.png", image)));
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        String id = response.json().get(0).get("service_request_id").asString();

        JsonNode request = client.get("/open311/" + org.organization().slug() + "/v2/requests/" + id + ".json").json().get(0);
        assertThat(request.get("title").asString()).isEqualTo("Rikottu penkki");
        assertThat(request.get("media_urls")).hasSize(1);
        String url = request.get("media_urls").get(0).asString();
        assertThat(request.get("media_url").asString()).isEqualTo(url);
        assertThat(url).startsWith("http://localhost:" + port + "/open311/v2/media/");

        Open311Client.Response media = client.get(url.substring(("http://localhost:" + port).length()));
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.body()).isEqualTo(image);

        Element xml = client.get("/open311/" + org.organization().slug() + "/v2/requests/" + id + ".xml").xml();
        Element item = Open311Client.children(xml, "request").getFirst();
        Element urls = Open311Client.children(item, "media_urls").getFirst();
        assertThat(Open311Client.children(urls, "media_url")).extracting(Element::getTextContent).containsExactly(url);
    }

    @Test
    void aFakeImageIsRefused() {
        int before = cases();
        byte[] fake = "<html><script>alert(1)</script></html>".getBytes();
        client.postMultipart("/open311/v2/requests.json", fields(), List.of(Map.entry("kuva.jpg", fake))).jsonError(400);
        client.postMultipart("/open311/v2/requests.xml", fields(), List.of(Map.entry("kuva.jpg", fake))).xmlError(400);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void anOversizedImageIsRefused() throws IOException {
        int before = cases();
        byte[] head = png(8);
        byte[] big = new byte[6 * 1024 * 1024]; // over the 5 MB media limit, under the 10 MB upload limit
        System.arraycopy(head, 0, big, 0, head.length);
        client.postMultipart("/open311/v2/requests.json", fields(), List.of(Map.entry("iso.png", big))).jsonError(413);
        byte[] huge = new byte[12 * 1024 * 1024]; // over the server's upload limit
        System.arraycopy(head, 0, huge, 0, head.length);
        client.postMultipart("/open311/v2/requests.xml", fields(), List.of(Map.entry("iso.png", huge))).xmlError(413);
        assertThat(cases()).isEqualTo(before);
    }

    @Test
    void aBrokenMultipartBodyIsRefused() {
        client.postBytes("/open311/v2/requests.json", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nabc".getBytes()).jsonError(400);
    }
}
