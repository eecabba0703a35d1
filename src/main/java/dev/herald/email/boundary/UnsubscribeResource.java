package dev.herald.email.boundary;

import dev.herald.email.control.UnsubscribeLinks;
import dev.herald.email.control.UnsubscribeLinks.Unsubscribe;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.Channel;
import dev.herald.preference.entity.PreferencesDocument;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/unsubscribe/{token}}: the one-click unsubscribe link of every email (RFC 8058). No sign-in: the signed
 * token is the credential, and it can only turn email off for the user and category it names. {@code GET} (a person
 * clicking, or a link scanner) only shows a button; {@code POST} (the mail client's one-click, or that button) turns
 * the category's email off, or all email for a digest's link.
 */
@Path("unsubscribe/{token}")
@PermitAll
@Tag(name = "Channels")
public class UnsubscribeResource {
    @Inject
    UnsubscribeLinks links;

    @Inject
    Settings settings;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            operationId = "confirmUnsubscribe",
            summary = "A page with the button that unsubscribes (changes nothing by itself)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public String confirm(@PathParam("token") String token) {
        Unsubscribe what = read(token);
        return page(
                what.all() ? "Stop all emails from Herald?" : "Stop " + escape(what.category()) + " emails?",
                "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>");
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            operationId = "unsubscribe",
            summary = "Unsubscribe (RFC 8058 one-click; the body List-Unsubscribe=One-Click is accepted)")
    @APIResponse(responseCode = "200", description = "Unsubscribed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public String unsubscribe(@PathParam("token") String token) {
        Unsubscribe what = read(token);
        settings.change(
                what.user(),
                chosen -> what.all()
                        ? noEmail(chosen)
                        : chosen.withCategoryChannel(what.category(), Channel.EMAIL, false));
        return page(
                "Unsubscribed",
                what.all()
                        ? "You will get no more emails from Herald. Your preferences can turn them on again."
                        : "You will get no more " + escape(what.category())
                                + " emails. Your preferences can turn them on again.");
    }

    private Unsubscribe read(String token) {
        return links.read(token).orElseThrow(NotFoundException::new);
    }

    private static PreferencesDocument noEmail(PreferencesDocument chosen) {
        Map<String, Boolean> channels = new TreeMap<>(chosen.channels() == null ? Map.of() : chosen.channels());
        channels.put(Channel.EMAIL.wire(), false);
        return new PreferencesDocument(
                chosen.muted(), channels, chosen.categories(), chosen.quietHours(), chosen.digest());
    }

    private static String page(String title, String content) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body"
                + " style=\"font-family:sans-serif\"><h1>" + title + "</h1><p>" + content + "</p></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
