package dev.herald.platform.boundary;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation that needs a token documents the 401 and 403 it can answer, in this one place (registered as
 * {@code mp.openapi.filter}) rather than on each resource: class-level {@code @APIResponse}s reach every operation on
 * Liberty but only operations that declare no response of their own on Payara.
 */
public class SecuredOperations implements OASFilter {
    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null || operation.getSecurity().isEmpty()) {
            return operation;
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        addIfMissing(responses, "401", "Unauthorized");
        addIfMissing(responses, "403", "Forbidden");
        return operation;
    }

    private static void addIfMissing(APIResponses responses, String code, String ref) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(ref));
        }
    }
}
