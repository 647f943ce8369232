package dsgen.producer.tracker;

/**
 * When a job's first and latest generation were published (epoch millis; 0 = none yet). Feeds rate
 * and ETA.
 */
public record GenerationTimeline(long firstAt, long lastAt) {
  static GenerationTimeline empty() {
    return new GenerationTimeline(0, 0);
  }

  GenerationTimeline with(long at) {
    return new GenerationTimeline(firstAt == 0 ? at : Math.min(firstAt, at), Math.max(lastAt, at));
  }
}
