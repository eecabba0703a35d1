package dev.herald.workflow.control;

import dev.herald.workflow.entity.Workflow;

/** The workflow of each event type in the catalog in use; the event catalog knows it. */
public interface Workflows {
    /** The type's workflow; {@link Workflow#NONE} for a type without one or a type the catalog no longer has. */
    Workflow workflowOf(String type);
}
