package dsgen.producer.api;

import dsgen.producer.expansion.JobLedger;
import dsgen.producer.service.JobStatuses;
import dsgen.producer.service.ProducerConfig;
import dsgen.producer.service.ProducerRuntime;
import dsgen.records.JobSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The job API: submit, list, inspect and cancel dataset-generation jobs. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public class JobsResource {
  private static final DateTimeFormatter JOB_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random = new SecureRandom();
  private final Clock clock = Clock.systemUTC();

  @Inject ProducerRuntime runtime;
  @Inject JobStatuses statuses;
  @Inject ProducerConfig config;

  @POST
  @Operation(
      summary = "Submit a job",
      description =
          "Validates the request, writes the job to dsgen.jobs and starts expanding it into prompt tasks.")
  @APIResponse(responseCode = "201", description = "Job accepted")
  @APIResponse(
      responseCode = "400",
      description = "Bad request: every bad field is listed with the reason")
  @APIResponse(responseCode = "401", description = "Missing or wrong bearer token")
  @APIResponse(responseCode = "409", description = "The job id is taken")
  @APIResponse(responseCode = "503", description = "The producer is still connecting to Kafka")
  public Response submit(JobRequest request) {
    JobLedger ledger = runtime.ledger();
    JobSpecFactory factory =
        new JobSpecFactory(
            config.limits().toRequestLimits(), config.defaults().toRequestDefaults());
    JobSpec spec = factory.create(request, this::newJobId, random::nextLong, clock.instant());
    ledger.submit(spec);
    runtime.jobSubmitted();
    return Response.created(URI.create("/jobs/" + spec.getJobId())).entity(status(spec)).build();
  }

  @GET
  @Operation(
      summary = "List jobs",
      description = "Every job, newest first, with the tracker's counts.")
  @APIResponse(
      responseCode = "503",
      description = "The job tracker cannot answer (rebalancing or failed); the body says why")
  public List<JobStatus> list() {
    return runtime.ledger().jobs().stream()
        .sorted(Comparator.comparing(JobSpec::getCreatedAt).reversed())
        .map(statuses::withCounts)
        .toList();
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "Inspect a job",
      description =
          "Counts (submitted, generated, paired per recipe, dead-lettered), rate, ETA, last errors.")
  @APIResponse(responseCode = "404", description = "No such job")
  @APIResponse(
      responseCode = "503",
      description = "The job tracker cannot answer (rebalancing or failed); the body says why")
  public JobStatus get(@PathParam("id") String id) {
    return statuses.withCounts(find(id));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Cancel a job",
      description =
          "Marks the job CANCELLED: no more tasks are produced and workers skip its remaining tasks.")
  @APIResponse(responseCode = "404", description = "No such job")
  public JobStatus cancel(@PathParam("id") String id) {
    find(id);
    return status(runtime.ledger().cancel(id).orElseThrow(() -> notFound(id)));
  }

  private JobSpec find(String id) {
    return runtime.ledger().job(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("no job '" + id + "'");
  }

  private JobStatus status(JobSpec spec) {
    return statuses.of(spec);
  }

  /**
   * {@code job-20261122-153012-k3x9}: sortable by submission time, unique enough with the random
   * tail.
   */
  private String newJobId() {
    StringBuilder id =
        new StringBuilder("job-").append(JOB_ID_TIME.format(clock.instant())).append('-');
    for (int i = 0; i < 4; i++) {
      id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
    }
    return id.toString();
  }
}
