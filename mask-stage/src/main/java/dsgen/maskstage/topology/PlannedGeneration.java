package dsgen.maskstage.topology;

import dsgen.maskstage.pair.RecipePlan;
import dsgen.records.Generation;

/**
 * A generation with the recipes chosen for it. Lives only between two processors of one task (never
 * serialized).
 */
public record PlannedGeneration(Generation generation, RecipePlan plan) {}
