package dev.herald.platform.boundary;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every operation that needs a token documents the 401 and 403 it can answer. The resources say so once per class
 * ({@code @APIResponse} on the class); Liberty adds those to each operation, Payara only to operations that declare no
 * response of their own, so this filter (registered as {@code mp.openapi.filter}) makes both documents the same.
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
