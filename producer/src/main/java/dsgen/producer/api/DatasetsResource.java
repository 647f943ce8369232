package dsgen.producer.api;

import dsgen.producer.gallery.ClassStats;
import dsgen.producer.gallery.DatasetEntry;
import dsgen.producer.gallery.GalleryImage;
import dsgen.producer.gallery.GalleryObjects;
import dsgen.producer.gallery.GalleryPage;
import dsgen.producer.gallery.GalleryPair;
import dsgen.producer.gallery.GalleryQueries;
import dsgen.producer.gallery.LegendEntry;
import dsgen.producer.gallery.StoredObject;
import dsgen.producer.service.ProducerRuntime;
import dsgen.producer.service.ServiceUnavailableException;
import dsgen.producer.tracker.TrackerNotReadyException;
import dsgen.store.ChecksumMismatchException;
import dsgen.store.ObjectNotFoundException;
import dsgen.store.ObjectStoreException;
import dsgen.store.ObjectStoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The gallery's API: datasets, pages of their images newest first, the changes after a cursor (for
 * live pages), and each pair's image, overlay and annotation read through the producer. An object
 * that is missing answers 404, one whose bytes differ from its reference 502, an unreachable store
 * 503; each with the reason in the error body.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gallery")
@SecurityRequirement(name = "bearer")
public class DatasetsResource {
  private static final String CACHE_FOREVER = "private, max-age=31536000, immutable";

  @Inject GalleryQueries gallery;
  @Inject GalleryObjects objects;
  @Inject ProducerRuntime runtime;

  /** A dataset with its per-class summary. */
  public record DatasetView(
      DatasetEntry dataset, List<ClassSummary> classes, List<LegendEntry> legend) {}

  /** One class of one recipe: images computed for it, mean pixel fraction, histogram. */
  public record ClassSummary(
      String recipeId,
      String className,
      long images,
      long withPixels,
      double meanFraction,
      long[] histogram) {
    static ClassSummary of(ClassStats s) {
      return new ClassSummary(
          s.recipeId(), s.className(), s.images(), s.withPixels(), s.meanFraction(), s.histogram());
    }
  }

  /** A page or a change set, with the legend of the classes it shows. */
  public record PageView(
      List<GalleryImage> items, Long next, long latestSeq, int scanned, List<LegendEntry> legend) {}

  /** One image with its legend. */
  public record ImageView(GalleryImage image, List<LegendEntry> legend) {}

  @GET
  @Operation(summary = "Datasets with pairs")
  public List<DatasetEntry> list() {
    return tracked(gallery::datasets);
  }

  @GET
  @Path("/{dataset}")
  @Operation(summary = "A dataset: counts, recipes, jobs and per-class statistics per recipe")
  public DatasetView dataset(@PathParam("dataset") String dataset) {
    DatasetEntry entry =
        tracked(() -> gallery.dataset(dataset))
            .orElseThrow(() -> new NotFoundException("no pairs in dataset " + dataset));
    List<ClassSummary> classes =
        tracked(() -> gallery.classStats(dataset)).stream().map(ClassSummary::of).toList();
    SortedSet<String> names = new TreeSet<>();
    classes.forEach(c -> names.add(c.className()));
    return new DatasetView(entry, classes, legend(names, entry.jobs()));
  }

  @GET
  @Path("/{dataset}/pairs")
  @Operation(
      summary = "A page of a dataset's images, newest first",
      description =
          "Pass the answer's `next` as `before` for the following page. `class`, `recipe` and `job` narrow it.")
  public PageView pairs(
      @PathParam("dataset") String dataset,
      @QueryParam("before") Long before,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("class") String className,
      @QueryParam("recipe") String recipeId,
      @QueryParam("job") String job) {
    return view(
        tracked(
            () ->
                gallery.page(
                    dataset, before, limit, blank(className), blank(recipeId), blank(job))));
  }

  @GET
  @Path("/{dataset}/changes")
  @Operation(
      summary = "Images whose pairs arrived after a cursor, oldest first",
      description =
          "Poll with `after` = the `latestSeq` of the last answer (or its `next` while it has one).")
  public PageView changes(
      @PathParam("dataset") String dataset,
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    return view(tracked(() -> gallery.changes(dataset, after, limit)));
  }

  @GET
  @Path("/{dataset}/images/{imageId}")
  @Operation(summary = "One image with every recipe's pair")
  public ImageView image(
      @PathParam("dataset") String dataset, @PathParam("imageId") String imageId) {
    GalleryImage image = find(dataset, imageId);
    return new ImageView(image, legend(image.classes(), List.of(image.jobId())));
  }

  @GET
  @Path("/{dataset}/images/{imageId}/image")
  @Produces({"image/jpeg", MediaType.APPLICATION_JSON})
  @Operation(summary = "The image (JPEG) as a recipe's dataset folder holds it")
  public Response imageBytes(
      @PathParam("dataset") String dataset,
      @PathParam("imageId") String imageId,
      @QueryParam("recipe") String recipeId) {
    return pairObject(dataset, imageId, blank(recipeId), PairObject.IMAGE);
  }

  @GET
  @Path("/{dataset}/images/{imageId}/overlay/{recipeId}")
  @Produces({"image/png", MediaType.APPLICATION_JSON})
  @Operation(summary = "A recipe's mask as a transparent overlay in the VOC colours (PNG)")
  public Response overlay(
      @PathParam("dataset") String dataset,
      @PathParam("imageId") String imageId,
      @PathParam("recipeId") String recipeId) {
    return pairObject(dataset, imageId, recipeId, PairObject.OVERLAY);
  }

  @GET
  @Path("/{dataset}/images/{imageId}/annotation/{recipeId}")
  @Operation(summary = "A pair's annotation: prompt, seed, model, recipe parameters, timings")
  public Response annotation(
      @PathParam("dataset") String dataset,
      @PathParam("imageId") String imageId,
      @PathParam("recipeId") String recipeId) {
    return pairObject(dataset, imageId, recipeId, PairObject.ANNOTATION);
  }

  private GalleryImage find(String dataset, String imageId) {
    return tracked(() -> gallery.image(dataset, imageId))
        .orElseThrow(() -> new NotFoundException("no image " + imageId + " in dataset " + dataset));
  }

  private static GalleryPair pair(GalleryImage image, String recipeId) {
    if (recipeId == null) {
      return image.pairs().values().iterator().next();
    }
    GalleryPair pair = image.pairs().get(recipeId);
    if (pair == null) {
      throw new NotFoundException(
          "image " + image.imageId() + " has no pair of recipe " + recipeId);
    }
    return pair;
  }

  /** The objects of a pair the API serves: which one, how it is read, its content type. */
  private enum PairObject {
    IMAGE(GalleryPair::image, GalleryObjects::bytes, StoredObject::contentType),
    OVERLAY(GalleryPair::mask, GalleryObjects::overlay, ref -> "image/png"),
    ANNOTATION(GalleryPair::annotation, GalleryObjects::bytes, ref -> MediaType.APPLICATION_JSON);

    final Function<GalleryPair, StoredObject> ref;
    final BiFunction<GalleryObjects, StoredObject, byte[]> read;
    final Function<StoredObject, String> contentType;

    PairObject(
        Function<GalleryPair, StoredObject> ref,
        BiFunction<GalleryObjects, StoredObject, byte[]> read,
        Function<StoredObject, String> contentType) {
      this.ref = ref;
      this.read = read;
      this.contentType = contentType;
    }
  }

  /**
   * One object of a recipe's pair (null recipe: the image's first pair), cached by the browser for
   * good under its SHA-256, with a status a page can act on: 404 missing, 502 corrupt, 503
   * unreachable.
   */
  private Response pairObject(String dataset, String imageId, String recipeId, PairObject kind) {
    StoredObject ref = kind.ref.apply(pair(find(dataset, imageId), recipeId));
    try {
      return Response.ok(kind.read.apply(objects, ref), kind.contentType.apply(ref))
          .header("Cache-Control", CACHE_FOREVER)
          .header("ETag", "\"" + ref.sha256() + "\"")
          .build();
    } catch (ObjectNotFoundException e) {
      return failure(404, "missing object: " + e.getMessage());
    } catch (ChecksumMismatchException e) {
      return failure(502, "corrupt object: " + e.getMessage());
    } catch (ObjectStoreUnavailableException e) {
      return failure(503, "object store unreachable: " + e.getMessage());
    } catch (IllegalArgumentException | ObjectStoreException e) {
      return failure(502, "unreadable object " + ref.uri() + ": " + e.getMessage());
    }
  }

  private static Response failure(int status, String reason) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(ErrorResponse.of(reason))
        .build();
  }

  private PageView view(GalleryPage page) {
    SortedSet<String> classes = new TreeSet<>();
    SortedSet<String> jobs = new TreeSet<>();
    for (GalleryImage image : page.items()) {
      classes.addAll(image.classes());
      jobs.add(image.jobId());
    }
    return new PageView(
        page.items(), page.next(), page.latestSeq(), page.scanned(), legend(classes, jobs));
  }

  private List<LegendEntry> legend(SortedSet<String> classes, Iterable<String> jobs) {
    Function<String, java.util.Optional<dsgen.records.JobSpec>> lookup =
        id -> runtime.ledger().job(id);
    return LegendEntry.of(classes, jobs, lookup);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static <T> T tracked(Supplier<T> query) {
    try {
      return query.get();
    } catch (TrackerNotReadyException e) {
      throw new ServiceUnavailableException(e.getMessage());
    }
  }
}
