package dev.herald.channel.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.Contacts;
import dev.herald.channel.entity.Contact;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where email and SMS reach a user: {@code /api/me/contacts} for the signed-in user, {@code
 * /api/admin/users/{user}/contacts} for an admin (a directory). Without a set address, the token's {@code email} and
 * {@code phone_number} claims are used.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels", description = "Where notifications go besides the inbox (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class ContactsResource {
    @Inject
    Contacts contacts;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @Inject
    AuditTrail audit;

    @GET
    @Path("me/contacts")
    @RolesAllowed(Roles.USER)
    @Operation(operationId = "getMyContacts", summary = "The user's email address and phone number")
    public ContactsView mine() {
        return ContactsView.of(contacts.of(Caller.of(token)));
    }

    @PUT
    @Path("me/contacts")
    @RolesAllowed(Roles.USER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "setMyContacts",
            summary = "Set the user's email address and phone number (E.164); null clears one")
    public ContactsView setMine(String body) {
        ContactRequest request = bodies.read(body, ContactRequest.class);
        return ContactsView.of(
                Optional.of(contacts.set(Caller.of(token), request.email(), request.phone(), Contact.Source.USER)));
    }

    @GET
    @Path("admin/users/{user}/contacts")
    @RolesAllowed(Roles.ADMIN)
    @Tag(name = "Operations")
    @Operation(operationId = "getUserContacts", summary = "A user's email address and phone number")
    public ContactsView of(@PathParam("user") String user) {
        return ContactsView.of(contacts.of(user));
    }

    @PUT
    @Path("admin/users/{user}/contacts")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Tag(name = "Operations")
    @Operation(
            operationId = "setUserContacts",
            summary = "Set a user's email address and phone number (a directory sync)")
    @Transactional // the change and its audit entry commit together
    public ContactsView set(@PathParam("user") String user, String body) {
        ContactRequest request = bodies.read(body, ContactRequest.class);
        ContactsView view = ContactsView.of(
                Optional.of(contacts.set(user, request.email(), request.phone(), Contact.Source.ADMIN)));
        // who changed whose addresses; the addresses themselves stay out of the trail
        audit.record(
                Caller.of(token),
                "contacts.update",
                "user " + user,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("email", request.email() != null)
                        .add("phone", request.phone() != null)
                        .build());
        return view;
    }
}
