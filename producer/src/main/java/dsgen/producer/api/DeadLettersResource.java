package dsgen.producer.api;

import dsgen.producer.service.ProducerRuntime;
import dsgen.producer.service.ServiceUnavailableException;
import dsgen.producer.tracker.DeadLetterBreakdown;
import dsgen.producer.tracker.TrackerNotReadyException;
import dsgen.producer.tracker.TrackerQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A job's dead letters by recipe and by reason, with examples (for the jobs page). */
@Path("/jobs/{jobId}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class DeadLettersResource {
  @Inject ProducerRuntime runtime;
  @Inject TrackerQueries tracker;

  @GET
  @Operation(
      summary = "A job's dead letters broken down",
      description =
          "Distinct images per recipe and per reason (stage and error class), each reason with its latest examples.")
  public DeadLetterBreakdown breakdown(@PathParam("jobId") String jobId) {
    if (runtime.ledger().job(jobId).isEmpty()) {
      throw new NotFoundException("no job " + jobId);
    }
    try {
      return tracker.deadLetters(jobId);
    } catch (TrackerNotReadyException e) {
      throw new ServiceUnavailableException(e.getMessage());
    }
  }
}
