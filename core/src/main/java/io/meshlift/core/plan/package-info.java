/**
 * Migration plans: the immutable model ({@link io.meshlift.core.plan.MigrationPlan} and its parts), the YAML/JSON
 * reader ({@link io.meshlift.core.plan.PlanParser}) and the cross-field checks ({@link
 * io.meshlift.core.plan.PlanValidator}).
 *
 * <p>The parser never stops at the first problem: it returns every error it can find, each with the line and
 * column in the source and the field path, so an operator fixes a plan in one round. The docs/plan-format.md
 * file documents the format; keep it in step with the field names here.
 */
package io.meshlift.core.plan;
