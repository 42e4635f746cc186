package dev.codeai.integrations.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.codeai.integrations.integration.FakeUpstreams;
import dev.codeai.integrations.integration.Gateway;
import dev.codeai.integrations.integration.Poll;
import dev.codeai.integrations.security.TestTokens;
import dev.codeai.integrations.webhook.Receiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real headless Chromium against the IT server: sign-in, the bundled integrations, an operation
 * invoked against the fake upstream, a webhook whose test delivery reaches the real receiver, a failed delivery retried
 * from the dead letters, and a circuit reset that an admin may make and a user may not. Every test ends with no script
 * error or CSP refusal in the browser's console, and writes screenshots of the pages it saw under target/.
 */
class ConsoleIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static Browser browser;
    private static Receiver receiver;
    private final WireMockServer upstream = FakeUpstreams.server();

    @BeforeAll
    static void start() throws Exception {
        browser = new Browser();
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        browser.close();
    }

    @BeforeEach
    void closedCircuits() throws Exception {
        upstream.resetAll();
        Gateway.reset("GitHubAPI");
        browser.resize(1366, 900);
    }

    @AfterEach
    void noConsoleErrors(org.junit.jupiter.api.TestInfo test) throws Exception {
        Gateway.reset("GitHubAPI");
        browser.screenshot("end-" + test.getTestMethod().orElseThrow().getName());
        assertThat(browser.consoleProblems()).as("browser console errors").isEmpty();
    }

    @Test
    void signsInLocallyWithOneClickAndShowsEveryBundledIntegration() {
        browser.openSignedOut("#/integrations");
        browser.screenshot("01-sign-in");
        browser.click("[data-test=local-admin]");

        assertThat(browser.waitForText("[data-test=who]", "local-admin")).contains("admin");
        browser.visible("[data-test=integration][data-name=StorageService]");
        assertThat(browser.all("[data-test=integration]")).extracting(e -> e.getAttribute("data-name")).contains("GitHubAPI",
                "WeatherAPI", "StripeAPI", "GitHubGraphQL", "WebhookDeliveryService", "NotificationService", "StorageService");
        WebElement github = browser.find("[data-test=integration][data-name=GitHubAPI]");
        assertThat(github.getText()).contains("rest", "circuit", "error rate", "p50", "p99");
        assertThat(github.findElement(org.openqa.selenium.By.cssSelector("[data-test=chart]")).getAttribute("aria-label"))
                .startsWith("GitHubAPI, last hour:");
        browser.screenshot("02-integrations");
        browser.resize(390, 844);
        browser.screenshot("02-integrations-phone");
    }

    @Test
    void rejectsABadPastedTokenWithTheProblemDetailUsingOnlyTheKeyboard() {
        browser.openSignedOut("");
        browser.focused().sendKeys(TestTokens.expired(), Keys.TAB); // the token field has the focus, then the button
        assertThat(browser.focused().getAttribute("data-test")).isEqualTo("sign-in");
        browser.focused().sendKeys(Keys.ENTER);

        assertThat(browser.waitForText("[data-test=problem]", "401")).contains("The bearer token was rejected");
        assertThat(browser.all("[data-test=who]").get(0).isDisplayed()).isFalse();
    }

    @Test
    void invokesAnOperationAgainstTheFakeUpstreamAndShowsStatusHeadersAndBody() {
        upstream.stubFor(get(urlPathEqualTo("/github/users/octocat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"login\":\"octocat\",\"id\":583231}")));
        browser.signIn(TestTokens.user(), "#/integrations/GitHubAPI");

        browser.visible("[data-test=operation][data-name=get_user] summary").click();
        WebElement arguments = browser.find("[data-test=operation][data-name=get_user] [data-test=arguments]");
        arguments.clear();
        arguments.sendKeys("{\"username\": \"octocat\"}");
        browser.click("[data-test=operation][data-name=get_user] [data-test=invoke]");

        assertThat(browser.waitForText("[data-test=operation][data-name=get_user] [data-test=answer-status]", "200"))
                .startsWith("200");
        assertThat(browser.find("[data-test=operation][data-name=get_user] [data-test=answer-headers]").getText())
                .contains("X-Integration-Attempts", "X-Circuit-State", "closed");
        assertThat(browser.find("[data-test=operation][data-name=get_user] [data-test=answer-body]").getText())
                .contains("\"login\": \"octocat\"");
        assertThat(browser.find("[data-test=operation][data-name=get_user]").getText()).contains("username", "string", "path");
        assertThat(browser.all("[data-test=reset-circuit]")).as("no admin control for a user").isEmpty();
        browser.screenshot("03-integration-detail");
    }

    @Test
    void createsAWebhookShowsItsSecretOnceAndItsTestDeliveryArrives() throws Exception {
        String path = "/console-" + UUID.randomUUID();
        browser.signIn(TestTokens.user(), "#/webhooks");

        browser.find("[data-test=webhook-name]").sendKeys("Console orders");
        browser.find("[data-test=webhook-url]").sendKeys(receiver.url(path));
        browser.find("[data-test=webhook-events]").sendKeys("order.*, payment.succeeded");
        browser.click("[data-test=create-webhook]");

        String secret = browser.visible("[data-test=created] [data-test=secret]").getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        browser.visible("[data-test=webhook]");
        browser.screenshot("04-webhooks");
        browser.click("[data-test=created-link]");
        assertThat(browser.visible("main").getText()).contains("whsec_********").doesNotContain(secret);
        browser.click("[data-test=send-test]");

        assertThat(browser.waitForText("[data-test=test-result]", "delivered")).contains("HTTP 200");
        List<Receiver.Received> arrived = Poll.until(BOUND, () -> receiver.at(path), r -> !r.isEmpty());
        assertThat(arrived).singleElement().satisfies(r -> {
            assertThat(r.text()).contains("\"event\":\"webhook.test\"");
            assertThat(r.header("webhook-signature")).startsWith("v1,");
        });
        browser.visible("[data-test=delivery]");
        browser.screenshot("05-webhook-detail");
        browser.click("[data-test=delivery] a");
        assertThat(browser.waitForText("[data-test=attempts]", "HTTP 200")).contains("webhook-id", "Attempt 1");
        browser.screenshot("06-delivery");
    }

    @Test
    void publishesAnEventAndRetriesItsFailedDeliveryFromTheDeadLetters() throws Exception {
        String path = "/console-failing-" + UUID.randomUUID();
        String type = "console.retry." + UUID.randomUUID().toString().substring(0, 8);
        receiver.script(path, n -> Receiver.Answer.status(n <= 3 ? 500 : 200)); // three attempts fail, the retry succeeds
        HttpResponse<String> created = Gateway.post("/webhooks", "{\"name\":\"Console failing\",\"url\":\"" + receiver.url(path)
                + "\",\"events\":[\"" + type + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        browser.signIn(TestTokens.user(), "#/events");

        browser.find("[data-test=event-type]").sendKeys(type);
        WebElement data = browser.find("[data-test=event-data]");
        data.clear();
        data.sendKeys("{\"order_id\": 7}");
        browser.click("[data-test=publish]");

        assertThat(browser.waitForText("[data-test=accepted]", "accepted")).contains("1 delivery.");
        assertThat(browser.waitForText("[data-test=event-deliveries]", "failed")).contains(type, "3 / 3", "HTTP 500");
        browser.screenshot("07-events");
        browser.go("#/dead-letters");
        String row = "[data-test=delivery][data-status=failed]";
        assertThat(browser.waitForText("[data-test=dead-letters]", type)).contains("HTTP 500");
        browser.screenshot("08-dead-letters");
        WebElement failed = browser.all(row).stream().filter(r -> r.getText().contains(type)).findFirst().orElseThrow();
        failed.findElement(org.openqa.selenium.By.cssSelector("[data-test=retry]")).click();

        Poll.until(BOUND, () -> receiver.at(path).size(), n -> n >= 4);
        assertThat(receiver.at(path)).hasSize(4);
        Poll.until(BOUND, () -> browser.find("[data-test=dead-letters]").getText(), text -> !text.contains(type));
        assertThat(browser.find("[data-test=dead-letters]").getText()).doesNotContain(type);
    }

    @Test
    void anAdminResetsAnOpenCircuitAndAUserIsDenied() throws Exception {
        upstream.stubFor(get(urlPathEqualTo("/github/users/down")).willReturn(aResponse().withStatus(500)));
        Poll.until(BOUND, () -> {
            Gateway.invoke("GitHubAPI", "get_user", "{\"username\":\"down\"}");
            return Gateway.get("/integrations/GitHubAPI/health").body();
        }, body -> body.contains("\"circuit_state\":\"open\""));
        String card = "[data-test=integration][data-name=GitHubAPI]";

        browser.signIn(TestTokens.user(), "#/integrations");
        assertThat(browser.waitForText(card + " [data-test=circuit]", "open")).isEqualTo("open");
        assertThat(browser.all(card + " [data-test=reset-circuit]")).as("no reset button for a user").isEmpty();
        List<Object> denied = browser.fetch("POST", "/integrations/GitHubAPI/circuit/reset", TestTokens.user());
        assertThat(denied.get(0)).isEqualTo(403L);
        assertThat((String) denied.get(1)).contains("needs one of the roles admin");

        browser.signIn(TestTokens.admin(), "#/integrations");
        browser.waitForText(card + " [data-test=circuit]", "open");
        browser.screenshot("09-open-circuit");
        browser.click(card + " [data-test=reset-circuit]");

        assertThat(browser.waitForText(card + " [data-test=circuit]", "closed")).isEqualTo("closed");
        assertThat(browser.waitForText("[data-test=timeline]", "GitHubAPI")).contains("opened", "closed");
        assertThat(Gateway.get("/integrations/GitHubAPI/health").body()).contains("\"circuit_state\":\"closed\"");
    }
}
